import { Type } from 'typebox';
import { HONEYPOT_FIELD } from './reader-forms.js';

/** Generous bounds: the services give the friendly messages; these only keep absurd input out. */
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Every field any account form sends; each route reads the ones its form has. */
export const AccountForm = Type.Object({
  csrf: text(200),
  return: text(1000),
  started: text(100),
  [HONEYPOT_FIELD]: text(1000),
  email: text(1000),
  new_email: text(1000),
  password: text(1000),
  display_name: text(1000),
  code: text(50),
  token: text(200),
  session: text(100),
  confirm: text(10),
  // A checkbox list arrives as one string, many, or not at all.
  newsletters: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 50 }),
      Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }),
    ]),
  ),
});

export const AccountQuery = Type.Object({
  return: text(1000),
  token: text(200),
  email: text(1000),
  saved: text(50),
});

export const HtmlPage = Type.String({ description: 'An HTML page.' });
