import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  HttpUserPoolAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The people allowed to read flags and decide on them. Moderators sign in
 * to a Cognito user pool and send the access token as a bearer token; the
 * HTTP API checks it with a JWT authorizer before any function runs.
 */
export class Moderators extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Moderators see evidence about children: an administrator adds each
      // one, and every sign-in needs a second factor.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus adds threat protection: sign-ins with leaked credentials or
      // from unusual places are blocked, not just logged.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('ModeratorTools', {
      // A public client: moderator tools run where a client secret could
      // not be kept. USER_PASSWORD_AUTH lets the aws CLI sign in, as the
      // deploy guide shows; SRP serves tools that implement it.
      authFlows: { userSrp: true, userPassword: true },
      // No hosted UI or redirect sign-in: without this, CDK enables the
      // implicit and code grants with https://example.com as callback.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    this.authorizer = new HttpUserPoolAuthorizer(
      'ModeratorAuthorizer',
      this.userPool,
      { userPoolClients: [this.client] },
    );
  }
}
