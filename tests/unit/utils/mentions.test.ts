import { describe, expect, it } from "vitest";
import { findMentions } from "~/utils/mentions";

const people = [
  { id: "luca", name: "Luca Galli" },
  { id: "anna-maria", name: "Anna Maria" },
  { id: "anna-maria-rossi", name: "Anna Maria Rossi" },
  { id: "nicolo", name: "Nicolò Bianchi" },
];

describe("findMentions", () => {
  it.each([
    ["Ne parliamo con @Luca Galli domani", ["luca"]],
    ["@luca galli, che ne pensi?", ["luca"]],
    ["Chiedo a @Anna Maria Rossi", ["anna-maria-rossi"]],
    ["Chiedo a @Anna Maria e a @Anna Maria Rossi", ["anna-maria-rossi", "anna-maria"]],
    ["Scrivo a @Nicolo Bianchi senza accento", ["nicolo"]],
    ["Nessuno qui, solo luca galli senza chiocciola", []],
    ["@Luca Gallia non è nella lista", []],
  ])("%s", (text, expected) => {
    expect(findMentions(text, people).sort()).toEqual([...expected].sort());
  });
});
