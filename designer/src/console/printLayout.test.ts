import { describe, expect, it } from 'vitest';
import { progressLink, qrSvg, withQrBlock } from './printLayout';

describe('print layout', () => {
  it('links the progress page with receipt and verification code', () => {
    expect(progressLink('http://127.0.0.1:5080', '20261126-ABC', '012345')).toBe('http://127.0.0.1:5080/progress?receipt=20261126-ABC&code=012345');
  });

  it('puts the QR block before the seal line', () => {
    const html = '<body><h1>受理回执</h1><p class="seal">政务服务中心（盖章）</p></body>';
    const out = withQrBlock(html, '<svg/>', 'http://x/progress?receipt=1&code=2', '扫码查询进度');
    expect(out.indexOf('data-testid="qr"')).toBeGreaterThan(out.indexOf('<h1>'));
    expect(out.indexOf('data-testid="qr"')).toBeLessThan(out.indexOf('<p class="seal">'));
    expect(out).toContain('href="http://x/progress?receipt=1&amp;code=2"');
  });

  it('falls back to the end of the body', () => {
    expect(withQrBlock('<body><p>x</p></body>', '<svg/>', 'l', 'c')).toMatch(/<p>x<\/p><div class="qr".*<\/div>\n<\/body>$/s);
  });

  it('encodes the link as an SVG QR code', async () => {
    const svg = await qrSvg('http://127.0.0.1/progress?receipt=20261126-ABC&code=012345');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
  });
});
