import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../../src/core/chat.js';
import { conversionError, convert } from './request-helpers.js';

describe('images (toAnthropicImage through toAnthropicRequest)', () => {
  const image = (url: string): ChatMessage => ({ role: 'user', content: [{ type: 'image_url', image_url: { url } }] });

  it('turns a base64 data URL into a base64 source, normalizing image/jpg', () => {
    const { body } = convert({ messages: [image('data:image/jpg;base64,/9j/4AAQ')] });
    expect(body.messages[0]?.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
    ]);
  });

  it('turns an http(s) URL into a url source', () => {
    const { body } = convert({ messages: [image('http://example.com/a.webp')] });
    expect(body.messages[0]?.content).toEqual([{ type: 'image', source: { type: 'url', url: 'http://example.com/a.webp' } }]);
  });

  it.each([
    ['data:image/tiff;base64,AAAA', 'image type image/tiff is not supported by Anthropic; send JPEG, PNG, GIF or WebP'],
    ['data:image/png,rawbytes', 'image data URLs must be base64-encoded: data:<media type>;base64,<data>'],
    ['ftp://example.com/a.png', 'image_url.url must be a base64 data: URL or an http(s) URL'],
  ])('rejects %s', (url, message) => {
    expect(conversionError(() => convert({ messages: [image(url)] })).message).toBe(message);
  });

  it('rejects images in system and assistant messages', () => {
    const part = { type: 'image_url' as const, image_url: { url: 'https://example.com/a.png' } };
    expect(conversionError(() => convert({ messages: [{ role: 'system', content: [part] }, { role: 'user', content: 'x' }] })).message).toBe(
      'messages[0]: images are only allowed in user and tool messages',
    );
    expect(conversionError(() => convert({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: [part] }] })).message).toBe(
      'messages[1]: images are only allowed in user and tool messages',
    );
  });

  it('rejects content part types Anthropic has no equivalent for', () => {
    const audio = [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] as unknown as ChatMessage['content'];
    expect(conversionError(() => convert({ messages: [{ role: 'user', content: audio }] })).message).toBe(
      'messages[0]: content part type input_audio is not supported by Anthropic',
    );
  });
});
