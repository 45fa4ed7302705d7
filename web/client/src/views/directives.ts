// Two small lit-html directives the keyed views need, and nothing that writes a style attribute (CSP style-src 'self').

import { noChange, nothing, type ElementPart, type PropertyPart } from "lit-html";
import { AsyncDirective } from "lit-html/async-directive.js";
import { Directive, directive, PartType, type PartInfo } from "lit-html/directive.js";

type Setup = (element: HTMLElement) => () => void;

/**
 * Attaches behaviour to an element for as long as lit keeps it (drag and drop, auto-scroll): `setup` runs when the
 * element is first rendered or `key` changes, and its cleanup when lit removes the element or the key changes.
 */
class AttachDirective extends AsyncDirective {
  private element: HTMLElement | null = null;
  private key: string | null = null;
  private setup: Setup | null = null;
  private cleanup: (() => void) | null = null;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error("attach() belongs on an element.");
  }

  render(_key: string, _setup: Setup): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [key, setup]: [string, Setup]): typeof nothing {
    this.element = part.element as HTMLElement;
    this.setup = setup;
    if (this.cleanup === null || key !== this.key) {
      this.cleanup?.();
      this.key = key;
      this.cleanup = setup(this.element);
    }
    return nothing;
  }

  protected override disconnected(): void {
    this.cleanup?.();
    this.cleanup = null;
  }

  protected override reconnected(): void {
    if (this.element && this.setup) this.cleanup = this.setup(this.element);
  }
}

export const attach = directive(AttachDirective);

/**
 * A text control's value that follows the document, except while the person is in that control: a remote change then
 * never overwrites what they are typing; it shows once they leave. (Checkboxes and options take lit's `live`: nothing
 * is typed there, so they always show the document.)
 */
class RemoteDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.PROPERTY) throw new Error("remote() belongs on a property binding (.value=…).");
  }

  render(value: unknown): unknown {
    return value;
  }

  override update(part: PropertyPart, [value]: [unknown]): unknown {
    const element = part.element as HTMLElement & Record<string, unknown>;
    if (element === document.activeElement || element[part.name] === value) return noChange;
    element[part.name] = value;
    return noChange;
  }
}

export const remote = directive(RemoteDirective);
