// Create a dictionary from YAML (the format in PRODUCT.md), starting from a template with every field.
import { useState } from 'react';
import { useLocation } from 'wouter';
import { ErrorNote } from '../../components/status.js';
import { useCreateDictionary } from './hooks.js';

const TEMPLATE = `name: election-period
category: politics
action: require_approval   # hide | delete | block | review | escalate | record | block_publish | require_approval
severity: medium           # low | medium | high | critical
terms:
  - "vote for"
  - "polling day"
exceptions: []
tests:
  must_match: ["Remember to vote for change"]
  must_not_match: ["Road closures on Tuesday"]
`;

export function NewDictionaryForm() {
  const [yaml, setYaml] = useState(TEMPLATE);
  const create = useCreateDictionary();
  const [, navigate] = useLocation();
  return (
    <details className="panel">
      <summary>New dictionary</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { yaml, activate: true },
            { onSuccess: (d) => navigate(`/dictionaries/${d.dictionary.id}`) },
          );
        }}
      >
        <label>
          Dictionary YAML
          <textarea
            className="code"
            rows={14}
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit" disabled={create.isPending}>
          Create and activate
        </button>
        {create.isError && <ErrorNote error={create.error} />}
      </form>
    </details>
  );
}
