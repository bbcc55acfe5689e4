import { Form } from "@remix-run/react";
import { useT } from "~/i18n";
import { clearOfflineCopies } from "./offline-copies";

/** Logging out also removes this browser's offline copies of agendas. */
export function LogoutButton({ className }: { className: string }) {
  const t = useT();
  return (
    <Form method="post" action="/logout" onSubmit={() => void clearOfflineCopies()}>
      <button type="submit" className={className}>
        {t("nav.logout")}
      </button>
    </Form>
  );
}
