// One dictionary: edit its YAML into a new version, see test results, activate or roll back, compare versions,
// and see how precise each term has been in review.
import { useState } from 'react';
import { Link } from 'wouter';
import { ErrorNote, Loading } from '../../components/status.js';
import type { Permissions } from '../session/hooks.js';
import { DiffView } from './diff-view.js';
import { exportUrl, useDictionary, useSaveVersion } from './hooks.js';
import { TermStatsTable } from './term-stats-table.js';
import { VersionsTable } from './versions-table.js';

export function DictionaryPage({ id, can }: { id: string; can: Permissions }) {
  const detail = useDictionary(id);
  const [compare, setCompare] = useState<[number, number] | null>(null);
  if (detail.isPending) return <Loading what="the dictionary" />;
  if (detail.isError) return <ErrorNote error={detail.error} />;
  const { dictionary: d, version: v } = detail.data;
  return (
    <>
      <p>
        <Link href="/dictionaries">← All dictionaries</Link>
      </p>
      <h1>{d.name}</h1>
      <p className="muted">
        Category {d.category} · action {d.action.replaceAll('_', ' ')} · severity {d.severity} ·{' '}
        {d.activeVersion === null ? 'no version active' : `version ${d.activeVersion} active`} ·{' '}
        <a href={exportUrl(id)} download>
          Download YAML
        </a>
      </p>
      {can.manageDictionaries && <YamlEditor id={id} yaml={v.yaml} version={v.version} />}
      <h2>Versions</h2>
      <VersionsTable id={id} can={can} activeVersion={d.activeVersion} onCompare={setCompare} />
      {compare && <DiffView id={id} from={compare[0]} to={compare[1]} />}
      <h2>Terms and their precision in review</h2>
      <TermStatsTable id={id} />
    </>
  );
}

function YamlEditor({ id, yaml, version }: { id: string; yaml: string; version: number }) {
  const [text, setText] = useState(yaml);
  const save = useSaveVersion(id);
  const failures = save.data?.version.testFailures ?? [];
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        const activate = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'activate';
        save.mutate({ yaml: text, activate });
      }}
    >
      <h2>Edit (from version {version})</h2>
      <label>
        Dictionary YAML
        <textarea
          className="code"
          rows={16}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
      </label>
      <button type="submit" name="mode" value="save" className="secondary" disabled={save.isPending}>
        Save as a new version
      </button>{' '}
      <button type="submit" name="mode" value="activate" disabled={save.isPending}>
        Save and activate
      </button>
      {save.isError && <ErrorNote error={save.error} />}
      {save.data && (
        <div role="status">
          <p className={save.data.version.testsPassed ? 'ok' : 'error'}>
            Saved as version {save.data.version.version}
            {save.data.version.active ? ' and activated.' : '.'}{' '}
            {save.data.version.testsPassed ? 'Its tests pass.' : 'Its tests fail, so it cannot be activated:'}
          </p>
          {failures.length > 0 && (
            <ul>
              {failures.map((f) => (
                <li key={`${f.kind}:${f.text}`}>
                  {f.kind === 'must_match' ? 'Must match' : 'Must not match'} “{f.text}”: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
