// The language rules every text keeps: words picked by count, one quote style per language, plain Danish.
import { describe, expect, it } from "vitest";
import { format, plural, texts } from "../src/i18n";

describe("plural", () => {
  it("uses the singular for exactly one and the plural for every other count", () => {
    expect([0, 1, 2, 5, -1].map((n) => plural(n, "ændring", "ændringer"))).toEqual(["ændringer", "ændring", "ændringer", "ændringer", "ændring"]);
  });

  it("fills {count|one|other} in a text by the count given", () => {
    const text = "{count} {count|ændring|ændringer} venter";
    expect(format(text, { count: 1 })).toBe("1 ændring venter");
    expect(format(text, { count: 2 })).toBe("2 ændringer venter");
    expect(format("{count} {count|card|cards}", { count: 1 })).toBe("1 card");
    expect(format("{count} {count|card|cards}", { count: 0 })).toBe("0 cards");
  });

  it("leaves plain {name}s as they were", () => {
    expect(format("{who} flyttede »{card}«", { who: "Anna", card: "Gåtur" })).toBe("Anna flyttede »Gåtur«");
  });
});

describe("the texts", () => {
  const danish = Object.entries(texts.da);
  const english = Object.entries(texts.en);

  it("never write a plural as a bracketed ending such as ændring(er) or card(s)", () => {
    const bracketed = /\p{L}\((?:e|er|r|n|ne|s|es)\)/u;
    expect(danish.filter(([, text]) => bracketed.test(text))).toEqual([]);
    expect(english.filter(([, text]) => bracketed.test(text))).toEqual([]);
  });

  it("quote in Danish with »…« only", () => {
    // »…« opens with » and closes with «; anything else that quotes is another style.
    const otherQuotes = /[“”„‘’"]|(^|[\s(])'|«\p{L}|\p{L}»/u;
    expect(danish.filter(([, text]) => otherQuotes.test(text))).toEqual([]);
  });

  it("quote in English with “…” only", () => {
    // An apostrophe inside a word (the municipality's) is not a quote.
    const otherQuotes = /[«»„‘"]|(^|[\s(])'/u;
    expect(english.filter(([, text]) => otherQuotes.test(text))).toEqual([]);
  });

  it("call the people responsible for a card ansvarlige, not ejere", () => {
    expect(danish.filter(([, text]) => /\bejer/iu.test(text))).toEqual([]);
  });

  it("put no comma before og in a Danish agreement section title", () => {
    const titles = danish.filter(([key]) => key.startsWith("agreement.section."));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter(([, text]) => /, og\b/u.test(text))).toEqual([]);
  });
});
