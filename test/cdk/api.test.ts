import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { INGEST_PATH } from '../../cdk/constructs/ingest-endpoint';
import { REVIEW_ROUTES } from '../../cdk/constructs/review-endpoints';
import { SYNTH_TIMEOUT_MS, synthesizeVigil } from './synth';
import { type Resource, TemplateGraph } from './template-graph';

const INGEST_ROUTE = `POST ${INGEST_PATH}`;
const REVIEW_ROUTE_KEYS = REVIEW_ROUTES.map((r) => `${r.method} ${r.path}`);

let graph: TemplateGraph;

beforeAll(() => {
  graph = new TemplateGraph(synthesizeVigil({ bundle: false }).template);
}, SYNTH_TIMEOUT_MS);

const only = (type: string): Resource => {
  const resources = graph.all(type);
  expect(resources).toHaveLength(1);
  return resources[0] ?? expect.fail(`no ${type}`);
};

const route = (routeKey: string) =>
  graph
    .all('AWS::ApiGatewayV2::Route')
    .find((r) => r.Properties?.RouteKey === routeKey) ??
  expect.fail(`no route ${routeKey}`);

describe('the routes', () => {
  it('are exactly the ingest route and the four review routes', () => {
    const keys = graph
      .all('AWS::ApiGatewayV2::Route')
      .map((r) => graph.property(r, 'RouteKey', z.string()));

    expect(keys.sort()).toEqual([INGEST_ROUTE, ...REVIEW_ROUTE_KEYS].sort());
  });

  it('leave the ingest route to the webhook signature alone', () => {
    const ingest = route(INGEST_ROUTE);

    expect(ingest.Properties?.AuthorizationType).toBe('NONE');
    expect(ingest.Properties?.AuthorizerId).toBeUndefined();
  });

  it('record why the ingest route has no authorizer', () => {
    const metadata = z
      .object({
        cdk_nag: z.object({
          rules_to_suppress: z.array(
            z.object({ id: z.string(), reason: z.string() }),
          ),
        }),
      })
      .parse(route(INGEST_ROUTE).Metadata);

    expect(metadata.cdk_nag.rules_to_suppress).toContainEqual({
      id: 'AwsSolutions-APIG4',
      reason: expect.stringMatching(/Standard Webhooks signature/),
    });
  });

  it.each(REVIEW_ROUTE_KEYS)('require a moderator JWT on %s', (routeKey) => {
    const review = route(routeKey);

    const authorizer = graph.target(review.Properties?.AuthorizerId);
    expect(review.Properties?.AuthorizationType).toBe('JWT');
    expect(authorizer.Properties?.AuthorizerType).toBe('JWT');
  });
});

describe('the moderator authorizer', () => {
  it('accepts only tokens the moderator user pool issued to its client', () => {
    const authorizer = only('AWS::ApiGatewayV2::Authorizer');

    const jwt = graph.property(
      authorizer,
      'JwtConfiguration',
      z.object({ Audience: z.array(z.unknown()), Issuer: z.unknown() }),
    );
    expect(jwt.Audience.map((a) => graph.target(a).Type)).toEqual([
      'AWS::Cognito::UserPoolClient',
    ]);
    expect(JSON.stringify(jwt.Issuer)).toContain('cognito-idp.');
    expect(authorizer.Properties?.IdentitySource).toEqual([
      '$request.header.Authorization',
    ]);
  });
});

describe('the user pool', () => {
  it('lets only administrators create moderators', () => {
    const pool = only('AWS::Cognito::UserPool');

    expect(pool.Properties?.AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: true,
    });
  });

  it('requires an authenticator app at every sign-in', () => {
    const pool = only('AWS::Cognito::UserPool');

    expect(pool.Properties?.MfaConfiguration).toBe('ON');
    expect(pool.Properties?.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('demands long passwords with every character class', () => {
    const policy = z
      .object({
        PasswordPolicy: z.object({
          MinimumLength: z.number(),
          RequireLowercase: z.literal(true),
          RequireUppercase: z.literal(true),
          RequireNumbers: z.literal(true),
          RequireSymbols: z.literal(true),
        }),
      })
      .parse(only('AWS::Cognito::UserPool').Properties?.Policies);

    expect(policy.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('blocks risky sign-ins with threat protection', () => {
    const pool = only('AWS::Cognito::UserPool');

    expect(pool.Properties?.UserPoolTier).toBe('PLUS');
    expect(pool.Properties?.UserPoolAddOns).toEqual({
      AdvancedSecurityMode: 'ENFORCED',
    });
  });
});

describe('the moderator app client', () => {
  const client = () => only('AWS::Cognito::UserPoolClient');

  it('offers no OAuth grant, so no redirect can receive a token', () => {
    const properties = client().Properties;

    expect(properties?.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(properties?.AllowedOAuthFlows).toBeUndefined();
    expect(properties?.AllowedOAuthScopes).toBeUndefined();
    expect(properties?.CallbackURLs).toBeUndefined();
  });

  it('signs in with the password and SRP flows the deploy guide uses', () => {
    const flows = graph.property(client(), 'ExplicitAuthFlows',
      z.array(z.string()));

    expect(flows.sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(client().Properties?.GenerateSecret).toBeUndefined();
  });
});

describe('the stage', () => {
  const stage = () => only('AWS::ApiGatewayV2::Stage');

  it('throttles every route by default', () => {
    const settings = graph.property(
      stage(),
      'DefaultRouteSettings',
      z.object({
        ThrottlingRateLimit: z.number(),
        ThrottlingBurstLimit: z.number(),
      }),
    );

    expect(settings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(settings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(
      settings.ThrottlingRateLimit,
    );
  });

  it('writes one JSON access-log line per request, with its request id', () => {
    const settings = graph.property(
      stage(),
      'AccessLogSettings',
      z.object({ Format: z.string(), DestinationArn: z.unknown() }),
    );

    const format = JSON.parse(settings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  it('keeps access logs encrypted for the configured retention', () => {
    const settings = graph.property(
      stage(),
      'AccessLogSettings',
      z.object({ DestinationArn: z.unknown() }),
    );

    const logGroup = graph.target(settings.DestinationArn);
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties?.RetentionInDays).toBe(30);
    expect(graph.target(logGroup.Properties?.KmsKeyId).Type).toBe(
      'AWS::KMS::Key',
    );
  });

  it('publishes per-route metrics, which the ingest alarm reads', () => {
    const settings = graph.property(
      stage(),
      'DefaultRouteSettings',
      z.object({ DetailedMetricsEnabled: z.boolean() }),
    );

    expect(settings.DetailedMetricsEnabled).toBe(true);
  });
});
