import type { Role } from "~/domain/permissions";
import type { MessageKey } from "~/i18n/messages";

export const roleLabel = (role: Role): MessageKey => `role.${role}`;
