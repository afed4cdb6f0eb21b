import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { readConfig } from './config';
import { VigilStack } from './vigil-stack';

/**
 * Adds one Vigil deployment to the app, with the checks security reviewers
 * run. A finding that is neither fixed nor acknowledged with a reason stops
 * synthesis, so nothing unreviewed is ever deployed.
 */
export function defineVigil(app: App): VigilStack {
  const config = readConfig(app.node);

  const stack = new VigilStack(app, `Vigil-${config.environment}`, {
    config,
    description: `Vigil (${config.environment}): flags grooming patterns`,
  });

  // Writing acknowledgements into the template keeps each reason next to
  // its resource for anyone who reviews the template rather than the code.
  const checks = { verbose: true, writeSuppressionsToCloudFormation: true };
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, checks),
    new ServerlessChecks(app, checks),
  );
  return stack;
}
