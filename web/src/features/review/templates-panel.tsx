// Suggested responses for safeguarding items: copy one, or reply from the compose screen.
import { useState } from 'react';
import { Link } from 'wouter';
import type { ReviewContext } from '../../api/types.js';

export function TemplatesPanel({ context }: { context: ReviewContext }) {
  const [copied, setCopied] = useState<string | null>(null);
  const suggested = new Set(context.item.suggestedTemplates.map((t) => t.id));
  const templates = context.templates.filter((t) => suggested.size === 0 || suggested.has(t.id));
  const copy = async (id: string, body: string) => {
    try {
      await navigator.clipboard.writeText(body);
      setCopied(id);
    } catch {
      setCopied(`failed:${id}`);
    }
  };
  return (
    <section aria-labelledby="templates-title">
      <h3 id="templates-title">Suggested responses</h3>
      <p>
        <Link className="button small" href={`/compose?replyToItemId=${encodeURIComponent(context.item.id)}`}>
          Reply from the compose screen
        </Link>
      </p>
      {templates.length === 0 ? (
        <p className="empty">No response templates for these categories yet.</p>
      ) : (
        <ul className="plain templates">
          {templates.map((t) => (
            <li key={t.id} className="template">
              <strong>{t.title}</strong>
              <p>{t.body}</p>
              <button
                type="button"
                className="secondary small"
                onClick={() => copy(t.id, t.body)}
                aria-label={`Copy “${t.title}” to the clipboard`}
              >
                Copy
              </button>
              <span role="status" className="ok">
                {copied === t.id
                  ? ' Copied.'
                  : copied === `failed:${t.id}`
                    ? ' Copy failed: select the text instead.'
                    : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
