/** Who did something, and from where: passed from the edge into every service that changes state. */
export interface Actor {
  type: 'user' | 'token' | 'system' | 'cli' | 'anonymous';
  id: string | null;
  label: string;
}

export interface ActionContext {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
}

export const systemContext = (label = 'system'): ActionContext => ({
  actor: { type: 'system', id: null, label },
  ip: null,
  requestId: null,
});

export const cliContext = (): ActionContext => ({
  actor: { type: 'cli', id: null, label: `cli:${process.env.USER ?? 'operator'}` },
  ip: null,
  requestId: null,
});
