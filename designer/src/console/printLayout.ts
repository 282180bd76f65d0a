import QRCode from 'qrcode';

/** The applicant's progress page for a receipt: the link the printed QR code carries. */
export function progressLink(origin: string, receipt: string, code: string): string {
  return `${origin}/progress?receipt=${encodeURIComponent(receipt)}&code=${encodeURIComponent(code)}`;
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, width: 132 });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Adds the QR block to a printable document from the server (the server renders the document; the app only knows the
 * address the applicant reaches it at): before the seal line, else before </body>.
 */
export function withQrBlock(html: string, svg: string, link: string, caption: string): string {
  const block =
    `<div class="qr" data-testid="qr" style="display:flex;gap:12pt;align-items:center;margin-top:12pt">` +
    `<div style="width:33mm;height:33mm">${svg}</div>` +
    `<div><div>${escapeHtml(caption)}</div><a class="progress-link" href="${escapeHtml(link)}" style="font-size:9pt;word-break:break-all">${escapeHtml(link)}</a></div></div>\n`;
  const seal = html.indexOf('<p class="seal">');
  if (seal >= 0) return html.slice(0, seal) + block + html.slice(seal);
  const end = html.lastIndexOf('</body>');
  return end >= 0 ? html.slice(0, end) + block + html.slice(end) : html + block;
}
