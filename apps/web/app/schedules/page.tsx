import { SchedulesOverview } from '~/components/schedules/schedules-overview';

export const metadata = { title: 'Backup schedules · Virtdeck' };

export default function Page() {
  return <SchedulesOverview />;
}
