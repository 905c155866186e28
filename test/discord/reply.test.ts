import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { embedLength } from '../../src/discord/present.js';
import { clampAnswer } from '../../src/discord/reply.js';

describe('clampAnswer', () => {
  it('fits content, embed count and embed total within Discord limits', () => {
    const embed = fc.record({ title: fc.string({ maxLength: 256 }), description: fc.string({ maxLength: 4096 }) });
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 5000 }), { nil: undefined }), fc.array(embed, { maxLength: 14 }), (content, embeds) => {
        const answer = clampAnswer({ content, embeds });
        expect(answer.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
        expect(answer.embeds?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
        expect((answer.embeds ?? []).reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
        expect(Boolean(answer.content) || (answer.embeds?.length ?? 0) > 0).toBe(true);
      }),
    );
  });
});
