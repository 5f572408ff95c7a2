// What the signed-in user may do in publishing, the licence and hijack areas: the server's own pure policy
// functions, evaluated once (like permissionsOf for the identity policy).
import { hijackPolicy } from '../../../../src/modules/hijack/policy.js';
import type { Principal } from '../../../../src/modules/identity/roles.js';
import { licencePolicy } from '../../../../src/modules/licence/policy.js';
import { publishingPolicy } from '../../../../src/modules/publishing/policy.js';
import { publishPolicy } from '../../../../src/modules/publishing/publish-policy.js';
import type { Me } from '../../api/types.js';

export interface PublishingPermissions {
  approve: boolean;
  viewAllPosts: boolean;
  cancelAnyPost: boolean;
  manageApprovalPolicy: boolean;
  viewSettings: boolean;
  manageSettings: boolean;
  controlPublishing: boolean;
  viewPublishingStatus: boolean;
  manageLicence: boolean;
  viewLicenceOfUsers: boolean;
  setHijackPolicy: boolean;
  unlockAccount: boolean;
  viewDetections: boolean;
}

export function principalOfMe(me: Me): Principal {
  return {
    userId: me.user.id,
    orgId: me.organisation.id,
    email: me.user.email,
    name: me.user.name,
    roles: me.user.roles,
    via: 'session',
    sessionId: null,
    stage: me.stage,
    scopes: null,
  };
}

export function publishingPermissionsOf(me: Me): PublishingPermissions {
  const p = principalOfMe(me);
  return {
    approve: publishingPolicy.approve(p),
    viewAllPosts: publishingPolicy.viewAllPosts(p),
    cancelAnyPost: publishingPolicy.cancelAnyPost(p),
    manageApprovalPolicy: publishingPolicy.manageApprovalPolicy(p),
    viewSettings: publishingPolicy.viewSettings(p),
    manageSettings: publishingPolicy.manageSettings(p),
    controlPublishing: publishPolicy.controlPublishing(p),
    viewPublishingStatus: publishPolicy.viewPublishingStatus(p),
    manageLicence: licencePolicy.manageLicence(p),
    viewLicenceOfUsers: licencePolicy.viewLicenceOfUsers(p),
    setHijackPolicy: hijackPolicy.setHijackPolicy(p),
    unlockAccount: hijackPolicy.unlockAccount(p),
    viewDetections: hijackPolicy.viewDetections(p),
  };
}
