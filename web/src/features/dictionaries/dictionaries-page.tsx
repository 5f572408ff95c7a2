// The organisation's dictionaries and a try-it box that shows what the active ones match in any text.
import { useState } from 'react';
import { Link } from 'wouter';
import { Highlighted } from '../../components/highlight.js';
import { Empty, ErrorNote, formatTime, Loading } from '../../components/status.js';
import type { Permissions } from '../session/hooks.js';
import { useDictionaries, useTryDictionaries } from './hooks.js';
import { NewDictionaryForm } from './new-dictionary-form.js';
import { StarterInstall } from './starter-install.js';

export function DictionariesPage({ can }: { can: Permissions }) {
  const dictionaries = useDictionaries();
  return (
    <>
      <h1>Dictionaries</h1>
      <p className="muted">
        Keyword dictionaries decide what is hidden, queued for review or escalated, and what may not be
        published.
      </p>
      <TryIt />
      {can.manageDictionaries && <NewDictionaryForm />}
      {can.manageDictionaries && dictionaries.isSuccess && (
        <StarterInstall empty={dictionaries.data.dictionaries.length === 0} />
      )}
      <h2>All dictionaries</h2>
      {dictionaries.isPending ? (
        <Loading what="dictionaries" />
      ) : dictionaries.isError ? (
        <ErrorNote error={dictionaries.error} />
      ) : dictionaries.data.dictionaries.length === 0 ? (
        <Empty>No dictionaries yet. An administrator or comms lead can install the starter set above.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Category</th>
              <th scope="col">Action</th>
              <th scope="col">Severity</th>
              <th scope="col">Active version</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {dictionaries.data.dictionaries.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link href={`/dictionaries/${d.id}`}>{d.name}</Link>
                </td>
                <td>{d.category}</td>
                <td>{d.action.replaceAll('_', ' ')}</td>
                <td>{d.severity}</td>
                <td>
                  {d.activeVersion === null ? 'none active' : `v${d.activeVersion} of ${d.latestVersion}`}
                </td>
                <td>{formatTime(d.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function TryIt() {
  const [text, setText] = useState('');
  const tryIt = useTryDictionaries();
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) tryIt.mutate(text);
      }}
    >
      <h2>Try it</h2>
      <label>
        Text to check against the active dictionaries
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={100_000} />
      </label>
      <button type="submit" disabled={tryIt.isPending || !text.trim()}>
        Check
      </button>
      {tryIt.isError && <ErrorNote error={tryIt.error} />}
      {tryIt.data && (
        <div role="status">
          {tryIt.data.matches.length === 0 ? (
            <p>No matches.</p>
          ) : (
            <>
              <p>
                {tryIt.data.matches.length} match{tryIt.data.matches.length === 1 ? '' : 'es'}:{' '}
                {[...new Set(tryIt.data.matches.map((m) => `${m.dictionary} (${m.category})`))].join(', ')}
              </p>
              <Highlighted
                text={tryIt.variables ?? ''}
                spans={tryIt.data.matches.map((m) => ({
                  start: m.start,
                  end: m.end,
                  label: `${m.dictionary}: ${m.term}`,
                }))}
              />
            </>
          )}
        </div>
      )}
    </form>
  );
}
