// Restoring a version is a NEW change on top of the live document, never a rewind: peers that
// are online converge on it like on any edit, and the restore itself can be undone by
// restoring the "before_restore" version. The status is execution, not content: it follows the
// status history (decision 028), so a restore does not set it back.
import * as Y from "yjs";
import { getIntro, getItems, replaceText, textFields } from "../domain/agenda-doc";
import { documentViolations } from "../domain/agenda-schema";
import { restoredStatus } from "../domain/version-diff";

/** Rich text is compared as XML (keeps marks and attributes) and replaced wholesale if different. */
function setFragment(live: Y.XmlFragment, old: Y.XmlFragment) {
  if (live.toString() === old.toString()) return;
  if (live.length > 0) live.delete(0, live.length);
  const copies = old.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone());
  if (copies.length) live.insert(0, copies);
}

function sameJson(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function restoreItem(live: Y.Map<unknown>, old: Y.Map<unknown>) {
  for (const [key, oldValue] of old.entries()) {
    if (key === "status") continue;
    const liveValue = live.get(key);
    if (oldValue instanceof Y.Text && (textFields as readonly string[]).includes(key)) {
      if (liveValue instanceof Y.Text) replaceText(liveValue, oldValue.toString());
      else live.set(key, oldValue.clone());
    } else if (oldValue instanceof Y.XmlFragment) {
      if (liveValue instanceof Y.XmlFragment && !(liveValue instanceof Y.XmlElement)) {
        setFragment(liveValue, oldValue);
      } else live.set(key, oldValue.clone());
    } else if (oldValue instanceof Y.Array) {
      if (!(liveValue instanceof Y.Array) || !sameJson(liveValue.toJSON(), oldValue.toJSON())) {
        if (liveValue instanceof Y.Array) {
          liveValue.delete(0, liveValue.length);
          liveValue.insert(0, oldValue.toArray());
        } else live.set(key, oldValue.clone());
      }
    } else if (oldValue instanceof Y.AbstractType) {
      live.set(key, oldValue.clone());
    } else if (!sameJson(liveValue, oldValue) || liveValue instanceof Y.AbstractType) {
      live.set(key, oldValue);
    }
  }
  for (const key of [...live.keys()]) {
    if (!old.has(key) && key !== "status") live.delete(key);
  }
}

/**
 * Makes `live`'s intro and items equal to `old`'s in one transaction, statuses aside (`recorded`:
 * each item's last recorded status). Unchanged items and fields are left alone so relative
 * positions (barrier anchors, cursors) in them survive.
 */
export function applyRestore(live: Y.Doc, old: Y.Doc, origin: unknown, recorded: ReadonlyMap<string, string>) {
  // An old version may predate the schema check: its damaged parts are left as they are live
  // (the room would refuse them), everything else is restored.
  const damaged = new Set(documentViolations(old).map((v) => v.part));
  live.transact(() => {
    if (!damaged.has("intro")) setFragment(getIntro(live), getIntro(old));
    const liveItems = getItems(live);
    const oldItems = getItems(old);
    for (const id of [...liveItems.keys()]) {
      if (!oldItems.has(id)) liveItems.delete(id);
    }
    for (const [id, oldItem] of oldItems.entries()) {
      if (damaged.has(`item:${id}`)) continue;
      const liveItem = liveItems.get(id);
      if (liveItem instanceof Y.Map && oldItem instanceof Y.Map) restoreItem(liveItem, oldItem);
      else if (oldItem instanceof Y.AbstractType) {
        const back = oldItem.clone() as Y.Map<unknown>;
        liveItems.set(id, back);
        const status = restoredStatus(undefined, recorded.get(id), back.get("status"));
        if (status !== back.get("status")) back.set("status", status);
      }
    }
  }, origin);
}
