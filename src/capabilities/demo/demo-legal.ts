import type { LegalKind } from '../legal/index.js';

/**
 * Version 1 of the demo edition's Terms of Use and Privacy Policy, so the footer's links lead somewhere
 * on a fresh install. Sample text for a sample paper: a real publication publishes its own.
 */
export const DEMO_LEGAL: { kind: LegalKind; title: string; body: string }[] = [
  {
    kind: 'terms',
    title: 'Terms of Use',
    body: `These terms govern your use of The Morning Ledger's website. This is the demo edition of a Masthead install; its text is a sample.

## Using the site
You may read, link to and share articles for your own, non-commercial use. You may not reproduce, republish or redistribute our journalism, photos or graphics without written permission.

## Accounts
A free account lets you read past the monthly limit. Keep your password to yourself; you are responsible for what is done with your account.

## Changes
When these terms change, we publish the new version with the date it takes effect and keep earlier versions available on this page.`,
  },
  {
    kind: 'privacy',
    title: 'Privacy Policy',
    body: `This policy says what The Morning Ledger keeps about readers and why. This is the demo edition of a Masthead install; its text is a sample.

## What we keep
- For every visitor: a count of articles read this month, in a signed cookie on your own device.
- For account holders: your email address, a hash of your password, your newsletter choices and a record of each version of these documents you accepted, with the time.

## What we do not do
We do not sell personal data, and the site loads no third-party trackers.

## Your rights
You can download everything we hold about you, or delete your account, from your account page.`,
  },
];
