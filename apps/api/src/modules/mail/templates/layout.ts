import escapeHtml from 'escape-html';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footnote?: string;
}

const NAME_MAX = 60;

/**
 * A name people chose (a user's, an organization's) as it may appear in a
 * mail: one line, no control characters, at most 60 characters. (HTML is
 * escaped by the layout; this keeps subjects sane and names from posing as text.)
 */
export function plain(name: string, max = NAME_MAX): string {
  const line = name
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** One look for every mail: the same content as plain text and as escaped HTML. */
export function layout(content: MailContent): RenderedMail {
  const { subject, greeting, paragraphs, action, footnote } = content;
  const text = [
    greeting,
    ...paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    ...(footnote ? [footnote] : []),
    '— Plinth',
  ].join('\n\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:12px;color:#6b7280">${escapeHtml(action.url)}</p>` : ''}
${footnote ? `<p style="font-size:12px;color:#6b7280">${escapeHtml(footnote)}</p>` : ''}
<p>— Plinth</p></body></html>`;
  return { subject, text, html };
}
