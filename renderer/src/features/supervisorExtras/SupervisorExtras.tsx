import { RequestLedgerSection } from '../requests/LedgerSubmissions';
import { TargetsOverview } from '../targets/TargetsOverview';

/** The 督办视图's added section: quantitative targets, and the quarterly 诉求台账 of the liaison offices. */
export function SupervisorExtras() {
  return (
    // Spaced as the view's other cards; nothing at all when neither section has anything to show (global.css).
    <div className="supervisor-extras">
      <TargetsOverview />
      <RequestLedgerSection />
    </div>
  );
}
