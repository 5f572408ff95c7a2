// The Sandbox simulator: members of the public replying to official posts, so officers in training and demo
// audiences see a realistic inbox — thanks, questions, crime reports, abuse, threats, welfare messages and
// spam floods (one account posting several near-identical messages at once).
//
// Cadence: a durable job `sandbox.simulate_tick` runs once a minute while PARAPET_SANDBOX_SIMULATOR_RATE > 0
// and writes that many replies (a flood counts each message) to official posts of the last 24 hours. Each
// run enqueues the next one for the next minute slot with an idempotency key naming the slot, so any number
// of worker processes agree on exactly one tick per minute (the job table's unique key is the lock; claiming
// is FOR UPDATE SKIP LOCKED on PostgreSQL). Rate 0 (the default): the chain is never started, or stops at
// the next tick after the setting changes. Cost per tick: one query for recent posts, one per persona
// looked up, and two per reply written (a block check and an insert) — at most ~1,800 queries a minute at
// the 600/minute cap. Replies follow the same rules as the API: a blocked persona's reply is refused.
//
// generateReplies is pure and seeded (the tick's seed is its minute slot), so tests can call it directly.
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { enqueueJob } from '../jobs/queue.js';
import { prng } from '../prng.js';
import {
  ABUSE_LINES,
  ABUSE_WORDS,
  fill,
  LINES,
  PERSONAS,
  type Persona,
  REPLY_KINDS,
  type ReplyKind,
  SPAM_LINES,
  SPAMMERS,
} from './personas.js';
import { insertUser, recentOfficialPosts, type SandboxUser, userByHandle } from './repo.js';
import { createPost } from './service.js';

export const SIMULATE_JOB = 'sandbox.simulate_tick';
const TICK_MS = 60_000;
const LOOKBACK_MS = 24 * 3_600_000;

/**
 * How often each kind is drawn. A spam draw becomes a flood of FLOOD_MIN–FLOOD_MAX messages, so spam's
 * share of messages (~25%) is larger than its share of draws.
 */
export const DRAW_WEIGHTS: Record<ReplyKind, number> = {
  thanks: 26,
  question: 22,
  crime_report: 14,
  abuse: 14,
  threat: 7,
  welfare: 9,
  spam: 8,
};
export const FLOOD_MIN = 3;
export const FLOOD_MAX = 6;

export interface SimulatedReply {
  postId: string;
  persona: Persona;
  kind: ReplyKind;
  text: string;
  /** Replies of one spam flood share a number. */
  flood?: number;
}

/** n replies to the given posts, always the same for the same seed and posts. */
export function generateReplies(
  seed: number,
  posts: ReadonlyArray<{ id: string }>,
  n: number,
): SimulatedReply[] {
  if (posts.length === 0 || n <= 0) return [];
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const total = REPLY_KINDS.reduce((s, k) => s + DRAW_WEIGHTS[k], 0);
  const drawKind = (): ReplyKind => {
    let r = rand() * total;
    for (const k of REPLY_KINDS) {
      r -= DRAW_WEIGHTS[k];
      if (r < 0) return k;
    }
    return 'thanks';
  };
  const out: SimulatedReply[] = [];
  let floods = 0;
  while (out.length < n) {
    const kind = drawKind();
    const postId = pick(posts).id;
    if (kind === 'spam') {
      const persona = pick(SPAMMERS);
      const line = pick(SPAM_LINES);
      const size = Math.min(n - out.length, FLOOD_MIN + Math.floor(rand() * (FLOOD_MAX - FLOOD_MIN + 1)));
      floods++;
      for (let i = 0; i < size; i++) {
        // Near-identical, as floods are: the same line with a changing tag to slip past exact-duplicate checks.
        out.push({
          postId,
          persona,
          kind,
          text: fill(line, pick, { n: `#${Math.floor(rand() * 9000) + 1000}` }),
          flood: floods,
        });
      }
      continue;
    }
    const persona = pick(PERSONAS);
    const text =
      kind === 'abuse'
        ? fill(pick(ABUSE_LINES), pick, { word: pick(ABUSE_WORDS) })
        : fill(pick(LINES[kind]), pick);
    out.push({ postId, persona, kind, text });
  }
  return out;
}

async function personaUser(db: Db, persona: Persona): Promise<SandboxUser> {
  const existing = await userByHandle(db, persona.handle);
  if (existing) return existing;
  try {
    return await insertUser(db, { handle: persona.handle, displayName: persona.displayName, kind: 'public' });
  } catch (err) {
    // Another worker created it a moment ago (unique handle).
    const raced = await userByHandle(db, persona.handle);
    if (raced) return raced;
    throw err;
  }
}

/** Writes up to n simulated replies to recent official posts; refused ones (blocked, deleted) are counted. */
export async function runSimulatorTick(
  ctx: AppContext,
  opts: { seed: number; n: number; now?: number },
): Promise<{ written: number; refused: number; byKind: Partial<Record<ReplyKind, number>> }> {
  const now = opts.now ?? Date.now();
  const posts = await recentOfficialPosts(ctx.db, now - LOOKBACK_MS);
  const replies = generateReplies(opts.seed, posts, opts.n);
  const users = new Map<string, SandboxUser>();
  const result = { written: 0, refused: 0, byKind: {} as Partial<Record<ReplyKind, number>> };
  for (const r of replies) {
    let user = users.get(r.persona.handle);
    if (!user) {
      user = await personaUser(ctx.db, r.persona);
      users.set(r.persona.handle, user);
    }
    try {
      await createPost(ctx.db, user, { text: r.text, replyToId: r.postId });
      result.written++;
      result.byKind[r.kind] = (result.byKind[r.kind] ?? 0) + 1;
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 403 && err.status !== 404)) throw err;
      result.refused++;
    }
  }
  return result;
}

/** Enqueues the tick for the next minute slot; the slot's idempotency key makes this safe to call anywhere. */
export async function scheduleSimulatorTick(ctx: AppContext, now = Date.now()): Promise<string | null> {
  const slot = Math.floor(now / TICK_MS) + 1;
  return enqueueJob(ctx.db, {
    type: SIMULATE_JOB,
    payload: { slot },
    idempotencyKey: `${SIMULATE_JOB}:${slot}`,
    runAfter: slot * TICK_MS,
    maxAttempts: 1,
  });
}

export function registerSandboxJobs(ctx: AppContext): void {
  ctx.jobHandlers.set(SIMULATE_JOB, async (job) => {
    const rate = ctx.config.sandbox.simulatorRate;
    if (rate === 0) return;
    // Schedule the next tick first: a failing tick must not end the chain.
    await scheduleSimulatorTick(ctx);
    const slot = typeof job.payload.slot === 'number' ? job.payload.slot : Math.floor(Date.now() / TICK_MS);
    const result = await runSimulatorTick(ctx, { seed: slot, n: rate });
    ctx.logger.debug({ job: job.id, ...result }, 'sandbox simulator tick');
  });
}

/** Called when a worker starts: begins the once-a-minute chain if the simulator is on. */
export function startSandboxSimulator(ctx: AppContext): void {
  if (ctx.config.sandbox.simulatorRate === 0) return;
  scheduleSimulatorTick(ctx).catch((err: Error) =>
    ctx.logger.warn({ err: { message: err.message } }, 'could not schedule the sandbox simulator'),
  );
}
