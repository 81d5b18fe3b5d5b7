import type { ChatRequest, ToolChoice } from '../../../core/chat.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-api.js';
import { AnthropicConversionError } from './anthropic-conversion-error.js';

export interface AnthropicToolsPrepared {
  tools?: AnthropicTool[];
  toolChoice?: AnthropicToolChoice;
}

/**
 * OpenAI function tools and tool_choice in Anthropic's form. A tool_choice without
 * tools is dropped (Anthropic has nothing to choose from); `parallel_tool_calls:
 * false` becomes `disable_parallel_tool_use`.
 */
export function prepareAnthropicTools(request: ChatRequest): AnthropicToolsPrepared {
  const definitions = request.tools ?? [];
  if (definitions.length === 0) return {};

  const tools = definitions.map((definition, i): AnthropicTool => {
    if (definition.type !== 'function' || !definition.function?.name) {
      throw new AnthropicConversionError(`tools[${i}]: only function tools with a name are supported`);
    }
    const tool: AnthropicTool = {
      name: definition.function.name,
      input_schema: definition.function.parameters ?? { type: 'object', properties: {} },
    };
    if (definition.function.description !== undefined) tool.description = definition.function.description;
    if (definition.cache_control) tool.cache_control = { ...definition.cache_control };
    return tool;
  });

  const toolChoice = toAnthropicToolChoice(
    request.tool_choice,
    request.parallel_tool_calls === false,
    new Set(tools.map((tool) => tool.name)),
  );
  return toolChoice === undefined ? { tools } : { tools, toolChoice };
}

function toAnthropicToolChoice(
  choice: ToolChoice | undefined,
  noParallel: boolean,
  names: ReadonlySet<string>,
): AnthropicToolChoice | undefined {
  const parallel = noParallel ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return noParallel ? { type: 'auto', ...parallel } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...parallel };
  if (choice === 'required') return { type: 'any', ...parallel };
  if (typeof choice === 'object' && choice.type === 'function' && choice.function?.name) {
    const name = choice.function.name;
    if (!names.has(name)) {
      throw new AnthropicConversionError(`tool_choice names function ${name}, which is not in tools`);
    }
    return { type: 'tool', name, ...parallel };
  }
  throw new AnthropicConversionError(`tool_choice ${JSON.stringify(choice)} is not supported`);
}
