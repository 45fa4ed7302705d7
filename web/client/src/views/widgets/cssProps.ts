// Colours that come from data (a person's colour) set through the CSSOM. lit's styleMap writes a style attribute
// on its first render, which the CSP (style-src 'self', no 'unsafe-inline') refuses; CSSOM writes are allowed.

import { noChange } from "lit-html";
import { Directive, directive, PartType, type ElementPart, type PartInfo } from "lit-html/directive.js";

class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error("cssProps() belongs on an element: <span ${cssProps({...})}>.");
  }

  render(_props: Readonly<Record<string, string>>): unknown {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}

/** `<span ${cssProps({ "border-color": colour, "--caret-colour": colour })}>`: CSS property names, kebab-case. */
export const cssProps = directive(CssPropsDirective);
