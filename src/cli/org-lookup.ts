import type { AppContext } from '../context.js';
import { UsageError } from './common.js';

/** Resolves --org SLUG; with one organisation the flag may be left out. */
export async function resolveOrg(
  ctx: AppContext,
  slug: string | undefined,
): Promise<{ id: string; name: string; slug: string }> {
  const orgs = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name', 'slug'])
    .orderBy('slug')
    .execute();
  if (slug) {
    const org = orgs.find((o) => o.slug === slug);
    if (!org)
      throw new UsageError(
        `no organisation "${slug}"; known: ${orgs.map((o) => o.slug).join(', ') || '(none)'}`,
      );
    return org;
  }
  if (orgs.length === 1) return orgs[0]!;
  if (orgs.length === 0)
    throw new UsageError(
      'there is no organisation yet: run `parapet serve` and open the setup link, or `parapet org add`',
    );
  throw new UsageError(
    `several organisations exist; choose one with --org (${orgs.map((o) => o.slug).join(', ')})`,
  );
}
