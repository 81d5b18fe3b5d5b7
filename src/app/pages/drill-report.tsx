/**
 * A finished drill's report: the Markdown rendered (raw HTML and links in people's text
 * are shown as text, never run) and a download link.
 */
import { Marked } from 'marked';
import { useEffect, useMemo } from 'react';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const md = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escape(text),
    link({ tokens }) {
      return this.parser.parseInline(tokens);
    },
    image: ({ text }) => escape(text),
  },
});

export function DrillReport({ id, markdown }: { id: string; markdown: string }) {
  const html = useMemo(() => md.parse(markdown, { async: false }), [markdown]);
  const href = useMemo(() => URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' })), [markdown]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <section className="drill-report" aria-labelledby="drill-report-h">
      <h3 id="drill-report-h">Report</h3>
      <p>
        <a href={href} download={`ballast-${id}.md`}>
          Download the report (Markdown)
        </a>
      </p>
      <article className="drill-report-body" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
