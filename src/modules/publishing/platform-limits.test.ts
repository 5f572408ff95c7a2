import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPlatformLimits, type PostDraft } from './platform-limits.js';
import { countGraphemes, mastodonLength, utf8Bytes, xWeightedLength } from './platform-limits-text.js';

const post = (text: string, mediaUrls: string[] = []): PostDraft => ({ text, mediaUrls, kind: 'post' });
const codes = (platform: Parameters<typeof checkPlatformLimits>[0], draft: PostDraft) =>
  checkPlatformLimits(platform, draft).map((p) => p.code);
const IMG = 'https://cdn.example/a.jpg';

describe('X weighted length (twitter-text v3)', () => {
  test('Latin counts 1, CJK 2, each emoji sequence 2, curly quotes 1', () => {
    assert.equal(xWeightedLength('Hello'), 5);
    assert.equal(xWeightedLength('你好'), 4);
    assert.equal(xWeightedLength('😀'), 2);
    assert.equal(xWeightedLength('👨‍👩‍👧‍👦'), 2, 'a ZWJ family is one emoji');
    assert.equal(xWeightedLength('👍🏽'), 2);
    assert.equal(xWeightedLength('‘hi’'), 4);
    assert.equal(xWeightedLength('e\u0301'), 1, 'NFC: e + combining acute is é');
  });
  test('links count 23 whatever their length, with or without a scheme; trailing punctuation counts', () => {
    assert.equal(xWeightedLength(`https://example.com/${'x'.repeat(200)}`), 23);
    assert.equal(xWeightedLength('Go to example.com now'), 6 + 23 + 4);
    assert.equal(xWeightedLength('See https://t.co/x.'), 4 + 23 + 1);
    assert.equal(xWeightedLength('email me at a@b.com'), 12 + 7, 'an e-mail address is not a link');
  });
  test('280 is allowed, 281 is not, and the message names X and the limit', () => {
    assert.deepEqual(codes('x', post('a'.repeat(280))), []);
    const [problem] = checkPlatformLimits('x', post('a'.repeat(281)));
    assert.equal(problem?.message, 'X: the text is 281 weighted characters long; X allows 280.');
    assert.deepEqual(codes('x', post('中'.repeat(141))), ['text_too_long']);
    assert.deepEqual(codes('x', post('中'.repeat(140))), []);
  });
  test('media: X allows 4 images, but the connector attaches none yet', () => {
    assert.deepEqual(codes('x', post('hi', [IMG])), ['media_unsupported']);
  });
});

describe('Bluesky: 300 graphemes and 3000 bytes', () => {
  test('graphemes, not code units', () => {
    assert.equal(countGraphemes('👨‍👩‍👧‍👦é'), 2);
    assert.deepEqual(codes('bluesky', post('👍🏽'.repeat(300))), []);
    assert.deepEqual(codes('bluesky', post('a'.repeat(301))), ['text_too_long']);
  });
  test('the byte limit applies on its own', () => {
    const text = '👨‍👩‍👧‍👦'.repeat(200);
    assert.equal(utf8Bytes(text), 5000);
    const problems = checkPlatformLimits('bluesky', post(text));
    assert.deepEqual(
      problems.map((p) => p.code),
      ['text_too_long'],
    );
    assert.match(problems[0]!.message, /^Bluesky: the text is 5000 bytes in UTF-8; Bluesky allows 3000\.$/);
  });
});

describe('Mastodon: 500 characters, links 23, remote mentions by username', () => {
  test('counting', () => {
    assert.equal(mastodonLength('@alice@police.example.social hi'), 9);
    assert.equal(mastodonLength(`see https://example.com/${'y'.repeat(100)}`), 4 + 23);
    assert.equal(mastodonLength('example.com'), 11, 'Mastodon shortens only links with a scheme');
    assert.deepEqual(codes('mastodon', post('a'.repeat(500))), []);
    assert.deepEqual(codes('mastodon', post('a'.repeat(501))), ['text_too_long']);
  });
});

describe('Facebook, Instagram, Sandbox', () => {
  test('Facebook: 63,206 characters', () => {
    assert.deepEqual(codes('facebook', post('a'.repeat(63_206))), []);
    assert.deepEqual(codes('facebook', post('a'.repeat(63_207))), ['text_too_long']);
  });
  test('Instagram: a post needs exactly one image; a caption of 2,200; 30 hashtags and 20 mentions', () => {
    assert.deepEqual(codes('instagram', post('Open day')), ['media_required']);
    assert.deepEqual(codes('instagram', post('Open day', [IMG])), []);
    assert.deepEqual(codes('instagram', post('', [IMG])), [], 'an image without a caption is a post');
    assert.deepEqual(codes('instagram', post('Open day', [IMG, IMG])), ['too_many_media']);
    assert.deepEqual(codes('instagram', post('a'.repeat(2_201), [IMG])), ['text_too_long']);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    assert.deepEqual(codes('instagram', post(tags, [IMG])), ['too_many_tags']);
    const mentions = Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' ');
    assert.deepEqual(codes('instagram', post(mentions, [IMG])), ['too_many_tags']);
    assert.deepEqual(codes('instagram', { text: 'Thanks!', mediaUrls: [IMG], kind: 'reply' }), [
      'media_unsupported',
    ]);
    assert.deepEqual(codes('instagram', { text: 'Thanks!', mediaUrls: [], kind: 'reply' }), []);
  });
  test('Sandbox: 1000 UTF-16 code units, text only; empty text is refused everywhere', () => {
    assert.deepEqual(codes('sandbox', post('a'.repeat(1000))), []);
    assert.deepEqual(codes('sandbox', post('a'.repeat(1001))), ['text_too_long']);
    assert.deepEqual(codes('sandbox', post('  ')), ['text_required']);
    assert.deepEqual(codes('sandbox', post('hi', [IMG])), ['media_unsupported']);
  });
});
