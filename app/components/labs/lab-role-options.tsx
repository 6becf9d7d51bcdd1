import { useTranslation } from "react-i18next";
import { LAB_ROLE_VALUES } from "~/schemas/lab";

/** The <option>s of a lab-role picker, in the reader's language. */
export function LabRoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {LAB_ROLE_VALUES.map((role) => (
        <option key={role} value={role}>
          {t(`labs.roles.${role}`)}
        </option>
      ))}
    </>
  );
}
