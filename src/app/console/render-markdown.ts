/**
 * An answer's markdown as safe HTML: marked (GitHub-flavoured: tables, fenced code)
 * then DOMPurify, so no script, event handler or javascript: URL from a model reaches
 * the DOM.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });

// Links in an answer open in a new tab and tell the target nothing about this page.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * @example
 *   el.innerHTML = renderMarkdown('**bold** <img src=x onerror=alert(1)>'); // <p><strong>bold</strong> <img src="x"></p>
 */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'] });
}
