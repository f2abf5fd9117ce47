import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

/** Home: a rep's day plan; managers and admins start from the accounts list. */
export default async function Home() {
  const user = await requireUser();
  redirect(user.role === "REP" ? "/today" : "/accounts");
}
