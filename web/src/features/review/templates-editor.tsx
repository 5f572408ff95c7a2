// Comms and admins: the suggested response templates moderators copy for safeguarding items.
import { useState } from 'react';
import type { ResponseTemplate } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/status.js';
import { useTemplateChange, useTemplates } from './hooks.js';

export function TemplatesEditor() {
  const templates = useTemplates();
  return (
    <section className="panel" aria-labelledby="templates-editor-title">
      <h2 id="templates-editor-title">Response templates</h2>
      {templates.isPending ? (
        <Loading what="templates" />
      ) : templates.isError ? (
        <ErrorNote error={templates.error} />
      ) : (
        <>
          {templates.data.templates.map((t) => (
            <TemplateForm key={t.id} template={t} />
          ))}
          <h3>Add a template</h3>
          <TemplateForm template={null} />
        </>
      )}
    </section>
  );
}

function TemplateForm({ template }: { template: ResponseTemplate | null }) {
  const change = useTemplateChange();
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [categories, setCategories] = useState(template?.categories.join(', ') ?? 'welfare');
  const name = template ? `“${template.title}”` : 'the new template';
  return (
    <form
      className="template-form"
      aria-label={template ? `Template ${template.title}` : 'New template'}
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          title,
          body,
          categories: categories
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        };
        change.mutate(
          { id: template?.id, input },
          {
            onSuccess: () => {
              if (!template) {
                setTitle('');
                setBody('');
              }
            },
          },
        );
      }}
    >
      <label>
        Title of {name}
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Text of {name}
        <textarea required maxLength={2000} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <label>
        Categories of {name} (comma-separated)
        <input value={categories} onChange={(e) => setCategories(e.target.value)} />
      </label>
      <button type="submit" className="small" disabled={change.isPending}>
        {template ? 'Save' : 'Add template'}
      </button>{' '}
      {template && (
        <button
          type="button"
          className="danger small"
          disabled={change.isPending}
          onClick={() => {
            if (window.confirm(`Delete the template ${name}?`))
              change.mutate({ id: template.id, remove: true });
          }}
        >
          Delete
        </button>
      )}
      {change.isError && <ErrorNote error={change.error} />}
      {change.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
