import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { el, xmlDocument } from './feed-xml.js';

describe('the feed XML writer', () => {
  it('keeps any text as text: markup, CDATA ends, quotes and control characters', () => {
    const hostile = `<b>&"' ]]> ]]> \u0000\u0008\ud800 end`;
    const doc = xmlDocument(el('root', { title: hostile }, el('title', {}, hostile)));
    expect(XMLValidator.validate(doc)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true }).parse(doc);
    expect(parsed.root.title).toBe(`<b>&"' ]]> ]]>  end`);
    expect(parsed.root['@_title']).toBe(`<b>&"' ]]> ]]>  end`);
  });

  it('leaves out absent attributes and children, and refuses names that are not XML names', () => {
    expect(el('a', { x: undefined, y: null, z: 0 }, null, false, undefined).markup).toBe('<a z="0"/>');
    expect(() => el('a b')).toThrow();
    expect(() => el('a', { 'on"x': '1' })).toThrow();
  });
});
