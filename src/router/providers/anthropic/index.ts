export type { AnthropicMessagesRequest } from './anthropic-api.js';
export { AnthropicConversionError } from './anthropic-conversion-error.js';
export { createAnthropicStreamConverter, type AnthropicStreamConverter } from './anthropic-stream-converter.js';
export { fromAnthropicResponse, type AnthropicCompleteResult } from './convert-from-anthropic-response.js';
export { toAnthropicRequest, type AnthropicHttpRequest } from './convert-to-anthropic-request.js';
export { mapAnthropicError } from './map-anthropic-error.js';
