import { z } from "zod";
import { maxLength } from "./fields";

/** A comment is a conversation line, not a document: long enough for an argument, bounded for the inbox. */
export const COMMENT_MAX = 2000 as const;

const anchor = z.string().min(1, "comments.error.anchor").max(512, "comments.error.anchor");
const body = z.string().trim().min(1, "comments.error.body").max(...maxLength(COMMENT_MAX));
const threadId = z.coerce.number({ message: "comments.error.thread" }).int("comments.error.thread").positive("comments.error.thread");

/** A reader comments on the passage selected in the introduction (no item) or an item's plan. */
export const createCommentSchema = z.object({
  intent: z.literal("create"),
  itemId: z
    .string()
    .max(100, "comments.error.item")
    .optional()
    .transform((v) => (v ? v : null)),
  start: anchor,
  end: anchor,
  body,
});
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

export const replyCommentSchema = z.object({
  intent: z.literal("reply"),
  threadId,
  body,
});

/** Resolve and reopen are one form: the button sends which. */
export const resolveCommentSchema = z.object({
  intent: z.enum(["resolve", "reopen"]),
  threadId,
});
