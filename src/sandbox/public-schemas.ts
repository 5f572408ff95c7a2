// The Sandbox public view as JSON (GET /sandbox/public/timeline): what any member of the public sees of one
// account, for the dashboard's side-by-side panel (the dashboard CSP forbids framing the HTML page).
import { Type } from 'typebox';

const PublicPost = Type.Object({
  id: Type.String(),
  authorHandle: Type.String(),
  authorName: Type.String(),
  text: Type.String(),
  createdAt: Type.Number(),
  hidden: Type.Boolean({ description: 'Hidden by the account: still shown to the public, greyed' }),
});

export const PublicTimelineQuery = Type.Object(
  { author: Type.String({ pattern: '^[A-Za-z0-9_]{2,30}$' }) },
  { additionalProperties: false },
);

export const PublicTimelineSchema = Type.Object({
  author: Type.Union([Type.Null(), Type.Object({ handle: Type.String(), displayName: Type.String() })]),
  threads: Type.Array(Type.Object({ post: PublicPost, replies: Type.Array(PublicPost) })),
});
