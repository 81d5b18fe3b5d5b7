import type { AnthropicImageBlock } from './anthropic-api.js';
import { AnthropicConversionError } from './anthropic-conversion-error.js';

const SUPPORTED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
]);

// data:<media type>[;param=value]*;base64,<data>
const BASE64_DATA_URL = /^data:([^;,]+)[^,]*;base64,(.*)$/is;

/**
 * An OpenAI `image_url` becomes an Anthropic image block: a base64 data URL becomes a
 * base64 source, an http(s) URL a url source.
 *
 * @example toAnthropicImage('data:image/png;base64,iVBORw0KGgo=')
 * // { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }
 */
export function toAnthropicImage(url: string): AnthropicImageBlock {
  if (/^data:/i.test(url)) {
    const match = BASE64_DATA_URL.exec(url);
    const declared = match?.[1];
    const data = match?.[2];
    if (declared === undefined || data === undefined || data === '') {
      throw new AnthropicConversionError(
        'image data URLs must be base64-encoded: data:<media type>;base64,<data>',
      );
    }
    const mediaType = declared.toLowerCase() === 'image/jpg' ? 'image/jpeg' : declared.toLowerCase();
    if (!SUPPORTED_MEDIA_TYPES.has(mediaType)) {
      throw new AnthropicConversionError(
        `image type ${mediaType} is not supported by Anthropic; send JPEG, PNG, GIF or WebP`,
      );
    }
    return { type: 'image', source: { type: 'base64', media_type: mediaType, data } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new AnthropicConversionError('image_url.url must be a base64 data: URL or an http(s) URL');
}
