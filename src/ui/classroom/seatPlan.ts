/**
 * Who sits where: the attacker's student (chosen, or drawn with `draw` when 'random') takes the
 * attacker's seat, the others fill the remaining seats in the order they joined; seats left over
 * are simulated, students left over watch. Pure, so it is tested without a relay.
 */
export function seatPlan(
  students: string[], seats: number, attackerSeat: number | null, choice: string, draw: number,
): { seats: (string | null)[]; attacker: string | null } {
  const plan: (string | null)[] = Array.from({ length: seats }, () => null);
  let attacker: string | null = null;
  let rest = students;
  if (attackerSeat !== null && attackerSeat < seats && students.length > 0) {
    attacker = choice !== 'random' && students.includes(choice) ? choice : students[draw % students.length];
    plan[attackerSeat] = attacker;
    rest = students.filter((s) => s !== attacker);
  }
  for (let i = 0; i < seats && rest.length > 0; i++) if (plan[i] === null) plan[i] = rest.shift()!;
  return { seats: plan, attacker };
}
