// What can be done to one post: edit (a new revision), submit, cancel, or delete it once published.
// The buttons shown follow the post's status; the server still decides and its refusal is shown in words.
import { useId, useState } from 'react';
import type { PostDetail } from '../../api/types.js';
import { ReasonAction } from '../../components/reason-action.js';
import { CheckPanel } from './check-panel.js';
import { useOutboundCheck, usePostAction } from './hooks.js';
import { Refusal } from './refusal.js';

const EDITABLE = ['draft', 'rejected', 'pending_approval', 'scheduled'];
const SUBMITTED = ['pending_approval', 'scheduled'];
const CANCELLABLE = ['draft', 'pending_approval', 'rejected', 'scheduled', 'held'];

export function PostActions({
  post,
  isAuthor,
  cancelAny,
}: {
  post: PostDetail;
  isAuthor: boolean;
  cancelAny: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const action = usePostAction(post.id);
  if (editing) return <EditForm post={post} onDone={() => setEditing(false)} />;
  return (
    <div className="actions">
      {isAuthor && EDITABLE.includes(post.status) && (
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          Edit
        </button>
      )}
      {isAuthor && (post.status === 'draft' || post.status === 'rejected') && (
        <button type="button" disabled={action.isPending} onClick={() => action.mutate({ action: 'submit' })}>
          Submit
        </button>
      )}
      {(isAuthor || cancelAny) && CANCELLABLE.includes(post.status) && (
        <ReasonAction
          label="Withdraw"
          describedAs="Withdraw this post"
          onConfirm={(reason) => action.mutateAsync({ action: 'cancel', body: { reason } })}
        />
      )}
      {post.status === 'published' && (
        <ReasonAction
          label="Delete"
          describedAs="Delete this published post"
          danger
          onConfirm={(reason) => action.mutateAsync({ action: 'delete', body: { reason } })}
        />
      )}
      {action.isError && <Refusal error={action.error} lead="Refused." />}
      {action.isSuccess && action.variables?.action === 'delete' && (
        <p role="status">
          Deletion queued: the post is removed from the platform shortly and kept in the archive.
        </p>
      )}
    </div>
  );
}

function EditForm({ post, onDone }: { post: PostDetail; onDone(): void }) {
  const [text, setText] = useState(post.text);
  const id = useId();
  const action = usePostAction(post.id);
  const check = useOutboundCheck({ accountIds: [post.accountId], text, mediaUrls: post.mediaUrls });
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate({ action: 'edit', body: { text, revision: post.revision } }, { onSuccess: onDone });
      }}
    >
      <h2>Edit (revision {post.revision + 1})</h2>
      {SUBMITTED.includes(post.status) && (
        <p className="gate">
          This post was already submitted: saving checks it again and, where approval is needed, sends it back
          to the approvers. Approvals given so far will no longer count.
        </p>
      )}
      <label htmlFor={`${id}-text`}>Text</label>
      <textarea id={`${id}-text`} rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      {check.data && <CheckPanel text={check.data.checkedText} result={check.data} accounts={new Map()} />}
      <div className="actions">
        <button type="submit" disabled={action.isPending}>
          Save revision
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel editing
        </button>
      </div>
      {action.isError && <Refusal error={action.error} />}
    </form>
  );
}
