// Hijack detection API shapes (routes.ts), shared with the dashboard.
import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';

export const PolicySchema = Type.Union([Type.Literal('alert'), Type.Literal('delete_and_lock')]);

export const DetectionSchema = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  handle: Type.String(),
  platform: Type.String(),
  platformPostId: Type.String(),
  text: Type.String(),
  url: Type.Union([Type.Null(), Type.String()]),
  createdOnPlatformAt: Timestamp,
  detectedAt: Timestamp,
  action: Type.String(),
  deletedAt: NullableTimestamp,
  deleteError: Type.Union([Type.Null(), Type.String()]),
});

export const HijackStateSchema = Type.Object({
  accountId: Type.String(),
  policy: PolicySchema,
  watermark: Timestamp,
  lastCheckedAt: NullableTimestamp,
  lastError: Type.Union([Type.Null(), Type.String()]),
  retryAfter: NullableTimestamp,
});
