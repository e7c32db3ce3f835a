import { describe, expect, it } from 'vitest';
import { isMailAddress, maskAddress, maskAddressesIn } from '../mail-address.js';
import { assertSendable, composeMail, type MailMessage } from './mail-message.js';

const message: MailMessage = {
  to: 'reader@example.com',
  subject: 'Your sign-in link <now>',
  text: 'Sign in: https://news.example/account/sign-in?token=abc\nCode: 123456',
  html: '<p>Sign in: <a href="https://news.example/account/sign-in?token=abc">sign in</a></p>',
  purpose: 'account.sign-in',
};

const sender = {
  publicationName: 'The Ledger <&> "Times"',
  locale: 'fr-FR',
  publicUrl: new URL('https://news.example/'),
  address: 'no-reply@news.example',
  jobId: '019a8c6e-4d80-7000-8000-000000000001',
  date: new Date('2026-11-16T09:00:00.000Z'),
};

describe('composeMail', () => {
  it('sends from the publication, with a Message-ID made from the job and both parts framed', () => {
    const mail = composeMail(message, sender);
    expect(mail.from).toEqual({ name: 'The Ledger <&> "Times"', address: 'no-reply@news.example' });
    expect(mail.messageId).toBe('<019a8c6e-4d80-7000-8000-000000000001@news.example>');
    expect(mail.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });
    expect(mail.text).toBe(`${message.text}\n\n-- \nThe Ledger <&> "Times"\nhttps://news.example/\n`);
  });

  it('keeps every header on one line whatever the publication name or subject holds (issue 12, F7)', () => {
    const mail = composeMail(
      { ...message, subject: 'Sign in to\r\nBcc: x@evil.example' },
      { ...sender, publicationName: 'The Morning\r\n\r\nLedger\u2028' },
    );
    expect(mail.from).toEqual({ name: 'The Morning Ledger', address: 'no-reply@news.example' });
    expect(mail.subject).toBe('Sign in to Bcc: x@evil.example');
  });

  it('escapes the name and subject in the HTML frame but keeps the trusted fragment as markup', () => {
    const html = String(composeMail(message, sender).html);
    expect(html.startsWith('<!doctype html><html lang="fr-FR">')).toBe(true);
    expect(html).toContain('<title>Your sign-in link &lt;now></title>');
    expect(html).toContain('aria-label="Your sign-in link &lt;now>"');
    expect(html).toContain('The Ledger &lt;&amp;> &quot;Times&quot;');
    expect(html).not.toContain('The Ledger <&>');
    expect(html).toContain(message.html);
    expect(html).toContain('<a href="https://news.example/" style="color:#4a4a4a;">news.example</a>');
  });
});

describe('assertSendable', () => {
  it('accepts a well-formed message', () => {
    expect(() => assertSendable(message)).not.toThrow();
  });

  it('refuses lists, display names, header breaks, empty parts and odd purposes, naming each', () => {
    const bad: Array<[Partial<MailMessage>, RegExp]> = [
      [{ to: 'a@x.example, b@x.example' }, /`to` is not one mail address/],
      [{ to: 'Reader <reader@example.com>' }, /`to`/],
      [{ subject: 'Hello\r\nBcc: victim@x.example' }, /subject must be one line/],
      [{ subject: ' ' }, /subject/],
      [{ text: '' }, /plain-text part is empty/],
      [{ html: '  ' }, /HTML part is empty/],
      [{ purpose: '../etc' }, /purpose/],
    ];
    for (const [change, problem] of bad) {
      expect(() => assertSendable({ ...message, ...change })).toThrow(problem);
    }
  });
});

describe('mail addresses', () => {
  it('takes one bare address, letters outside ASCII included', () => {
    for (const ok of ['a@b', 'first.last+tag@news.example', 'josé@exemple.fr', "o'brien@x.example"]) {
      expect(isMailAddress(ok), ok).toBe(true);
    }
    for (const bad of [
      '',
      'a',
      '@b',
      'a@',
      'a@@b',
      'a b@x.example',
      '.a@x.example',
      'a..b@x.example',
      'a@-x.example',
      'a@x..example',
      `${'a'.repeat(65)}@x.example`,
    ]) {
      expect(isMailAddress(bad), bad).toBe(false);
    }
  });

  it('masks addresses alone and inside a server reply', () => {
    expect(maskAddress('reader@example.com')).toBe('r***@example.com');
    expect(maskAddress('élise@exemple.fr')).toBe('é***@exemple.fr');
    expect(maskAddressesIn('550 5.1.1 <reader@example.com>: Recipient address rejected')).toBe(
      '550 5.1.1 <r***@example.com>: Recipient address rejected',
    );
  });
});
