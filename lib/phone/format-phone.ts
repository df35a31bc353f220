/** "+16175550100" → "+1 (617) 555-0100"; other numbers as they are; null → "Unknown number". Safe in client components. */
export function formatPhone(phone: string | null): string {
  if (!phone) return "Unknown number";
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return us ? `+1 (${us[1]}) ${us[2]}-${us[3]}` : phone;
}
