import { describe, expect, it } from "vitest";
import { letterheadBody, letterheadValues, linesProblem, logoOf, MAX_LOGO_BYTES } from "./letterhead";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("the letterhead form", () => {
  it("sends the lines typed, trimmed, without empty ones, and no IBAN when none is typed", () => {
    const values = { ...letterheadValues(null), name: " Noord BV ", address: "Grote Markt 1\n\n 9711 LV Groningen " };
    expect(letterheadBody(values)).toEqual({
      name: "Noord BV",
      address_lines: ["Grote Markt 1", "9711 LV Groningen"],
      contact_lines: [],
      iban: null,
      logo_png: null,
    });
  });
  it("sends the IBAN without spaces", () => {
    const values = { ...letterheadValues(null), iban: "nl91 abna 0417 1643 00" };
    expect(letterheadBody(values).iban).toBe("NL91ABNA0417164300");
  });
  it("shows a stored letterhead's lines one a line", () => {
    const stored = { name: "N", address_lines: ["A", "B"], contact_lines: ["C"], iban: null, logo_png: PNG };
    expect(letterheadValues(stored)).toMatchObject({ address: "A\nB", contact: "C", logo: PNG });
  });
  it("says when there are too many lines or a line is too long", () => {
    expect(linesProblem("1\n2\n3\n4", 4)).toBeNull();
    expect(linesProblem("1\n2\n3\n4\n5", 4)?.key).toBe("clerk.letterhead.tooManyLines");
    expect(linesProblem("x".repeat(121), 4)?.key).toBe("clerk.letterhead.lineTooLong");
  });
  it("takes a PNG by its bytes, not by the type the browser guessed", () => {
    expect(logoOf(`data:image/png;base64,${PNG}`, 70)).toEqual({ logo: PNG });
    expect(logoOf(`data:application/octet-stream;base64,${PNG}`, 70)).toEqual({ logo: PNG });
    expect(logoOf("data:image/png;base64,R0lGODlhAQABAAAAACw=", 14)).toEqual({ problem: "clerk.letterhead.notPng" });
    expect(logoOf(`data:image/png;base64,${PNG}`, MAX_LOGO_BYTES + 1)).toEqual({ problem: "clerk.letterhead.tooLarge" });
  });
});
