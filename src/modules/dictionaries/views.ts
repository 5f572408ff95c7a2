// Rows → API shapes (see schemas.ts).
import type { DictionaryRow, VersionRow } from './repo.js';
import type { TestFailureView } from './versions.js';

export interface DictionarySummaryView {
  id: string;
  name: string;
  category: string;
  action: string;
  severity: string;
  activeVersion: number | null;
  latestVersion: number;
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface VersionView {
  version: number;
  name: string;
  category: string;
  action: string;
  severity: string;
  termCount: number;
  patternCount: number;
  source: string;
  author: { id: string | null; label: string };
  createdAt: number;
  active: boolean;
  testsPassed: boolean;
  testFailures: TestFailureView[];
}

const nullableNumber = (v: number | null): number | null => (v === null ? null : Number(v));

/** `current` is the version the summary describes: the active one, else the latest. */
export const toSummary = (d: DictionaryRow, current: VersionRow | undefined): DictionarySummaryView => ({
  id: d.id,
  name: d.name,
  category: current?.category ?? '',
  action: current?.action ?? '',
  severity: current?.severity ?? '',
  activeVersion: nullableNumber(d.active_version),
  latestVersion: Number(d.latest_version),
  archivedAt: nullableNumber(d.archived_at),
  createdAt: Number(d.created_at),
  updatedAt: Number(d.updated_at),
});

export const toVersion = (d: DictionaryRow, v: VersionRow): VersionView => ({
  version: Number(v.version),
  name: v.name,
  category: v.category,
  action: v.action,
  severity: v.severity,
  termCount: Number(v.term_count),
  patternCount: Number(v.pattern_count),
  source: v.source,
  author: { id: v.author_id, label: v.author_label },
  createdAt: Number(v.created_at),
  active: d.active_version !== null && Number(d.active_version) === Number(v.version),
  testsPassed: Number(v.tests_passed) === 1,
  testFailures: JSON.parse(v.test_failures) as TestFailureView[],
});

export const toVersionDetail = (d: DictionaryRow, v: VersionRow) => ({ ...toVersion(d, v), yaml: v.yaml });
