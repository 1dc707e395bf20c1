/**
 * Prints the recording rules Meshscope reads when a Prometheus has them, in Prometheus'
 * rule_files format: `npx tsx scripts/recording-rules.ts > meshscope-rules.yml`.
 */
import { recordingRulesYaml } from '../server/prometheus/recording-rules';

process.stdout.write(recordingRulesYaml());
