// One partnership: its details, its members (side and role), adding a member by e-mail (coordinators), and
// its boards.

import { ApiError } from "../api";
import { formatDate, localise, t, type TextKey } from "../i18n";
import { MEMBER_ROLES, SIDES, type Me, type MemberRole, type PartnershipSnapshot, type Side } from "../protocol";
import { field, h } from "./dom";
import { link } from "./shell";

export interface PartnershipActions {
  navigate(path: string): void;
  addMember(email: string, side: Side, role: MemberRole): Promise<void>;
  addBoard(name: string): Promise<void>;
}

export function renderPartnership(main: HTMLElement, p: PartnershipSnapshot, me: Me, actions: PartnershipActions): void {
  const d = p.details;
  const mine = p.members.find((m) => m.userId === me.userId);
  const coordinator = mine?.role === "coordinator";
  const canWrite = mine !== undefined && mine.role !== "observer";
  const text = (value: string) => (value.trim() ? value : t("notSet"));
  const row = (label: string, value: string) => [h("dt", {}, label), h("dd", {}, value)];

  main.replaceChildren(
    h(
      "div",
      { class: "page" },
      h("p", {}, h("a", { href: "/", onclick: link(actions.navigate, "/") }, `← ${t("myPartnerships")}`)),
      h("h1", {}, d.name),
      h(
        "section",
        { "aria-labelledby": "boards-title" },
        h("h2", { id: "boards-title" }, t("boards")),
        h(
          "ul",
          { class: "tiles" },
          p.boards.map((b) =>
            h("li", { class: "tile" }, h("a", { href: `/boards/${b.boardId}`, class: "tile-link", onclick: link(actions.navigate, `/boards/${b.boardId}`) }, b.name)),
          ),
        ),
        canWrite ? addBoardForm(actions) : null,
      ),
      h(
        "section",
        { "aria-labelledby": "details-title" },
        h("h2", { id: "details-title" }, t("details")),
        h(
          "dl",
          { class: "details" },
          row(t("municipality"), d.municipality),
          row(t("area"), t(`area.${d.area}` as TextKey)),
          row(t("status"), t(`status.${d.status}` as TextKey)),
          row(t("startsOn"), d.startsOn ? formatDate(d.startsOn) : t("notSet")),
          row(t("endsOn"), d.endsOn ? formatDate(d.endsOn) : t("notSet")),
          row(t("purpose"), text(d.purpose)),
          row(t("targetGroup"), text(d.targetGroup)),
          row(t("sharedGoals"), text(d.sharedGoals)),
          row(t("municipalityGoals"), text(d.municipalityGoals)),
          row(t("voluntaryGoals"), text(d.voluntaryGoals)),
          row(t("parties"), d.parties.length ? d.parties.map((x) => `${x.name} (${t(`side.${x.side}` as TextKey)})`).join(", ") : t("notSet")),
        ),
      ),
      h(
        "section",
        { "aria-labelledby": "members-title" },
        h("h2", { id: "members-title" }, t("members")),
        h(
          "table",
          { class: "members" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("name")), h("th", { scope: "col" }, t("side")), h("th", { scope: "col" }, t("role")))),
          h(
            "tbody",
            {},
            p.members.map((m) =>
              h("tr", {}, h("td", {}, m.displayName), h("td", {}, t(`side.${m.side}` as TextKey)), h("td", {}, t(`role.${m.role}` as TextKey))),
            ),
          ),
        ),
        coordinator ? addMemberForm(actions) : null,
      ),
    ),
  );
}

function errorText(e: unknown): string {
  return e instanceof ApiError ? localise(e.message) : String(e);
}

function addMemberForm(actions: PartnershipActions): HTMLFormElement {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const email = h("input", { type: "email", name: "email", required: true, autocomplete: "off" });
  const side = h("select", { name: "side" }, SIDES.map((s) => h("option", { value: s }, t(`side.${s}` as TextKey))));
  const role = h("select", { name: "role" }, MEMBER_ROLES.map((r) => h("option", { value: r, selected: r === "member" }, t(`role.${r}` as TextKey))));
  return h(
    "form",
    {
      class: "card-form",
      "aria-labelledby": "add-member-title",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          await actions.addMember(email.value, side.value as Side, role.value as MemberRole);
        } catch (e) {
          error.textContent = errorText(e);
          error.hidden = false;
          email.focus();
        }
      },
    },
    h("h3", { id: "add-member-title" }, t("addMember")),
    error,
    h("div", { class: "grid-3" }, field(t("email"), email, t("addMemberHint")), field(t("side"), side), field(t("role"), role)),
    h("div", { class: "actions" }, h("button", { type: "submit" }, t("addMember"))),
  );
}

function addBoardForm(actions: PartnershipActions): HTMLFormElement {
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const name = h("input", { name: "boardName", required: true, maxlength: 120 });
  return h(
    "form",
    {
      class: "inline-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          await actions.addBoard(name.value);
        } catch (e) {
          error.textContent = errorText(e);
          error.hidden = false;
          name.focus();
        }
      },
    },
    error,
    field(t("boardName"), name),
    h("button", { type: "submit" }, t("addBoard")),
  );
}
