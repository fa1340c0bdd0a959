"""Validators compiled from the JSON Schemas in this folder. GENERATED: do not edit.

Regenerate with ``python -m cocctl.schemas``; see codegen.py for how and why.
"""

# ruff: noqa
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from numbers import Number

_search = re.search


def _is_integer(x):
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def _is_number(x):
    return not isinstance(x, bool) and isinstance(x, Number)


# equal, unbool and uniq follow jsonschema._utils (MIT licence), so the verdicts agree.
def _equal(one, two):
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(_equal(i, j) for i, j in zip(one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(key in two and _equal(value, two[key]) for key, value in one.items())
    return _unbool(one) == _unbool(two)


def _unbool(element, true=object(), false=object()):
    if element is True:
        return true
    if element is False:
        return false
    return element


def _unique(container):
    try:
        ordered = sorted(_unbool(i) for i in container)
        for i, j in zip(ordered, ordered[1:]):
            if _equal(i, j):
                return False
    except (NotImplementedError, TypeError):
        seen = []
        for element in container:
            element = _unbool(element)
            if any(_equal(i, element) for i in seen):
                return False
            seen.append(element)
    return True


def _in(x, choices, strings):
    if x.__class__ is str:
        return x in strings
    return any(_equal(choice, x) for choice in choices)


def _ok(x):
    pass
_C0 = (1,)
_C1 = frozenset(())
_C2 = ('open', 'escrowed', 'closed')
_C3 = frozenset(('closed', 'escrowed', 'open', ))
_C4 = ('system',)
_C5 = frozenset(('system', ))
_C6 = ('amended', 'assigned', 'cleared', 'closed', 'communicated', 'contact', 'evidence', 'excluded', 'exported', 'granted', 'note', 'opened', 'recused', 'reopened', 'revoked', 'proposed', 'voted', 'decided', 'confirmed', 'lifted', 'superseded', 'appealed', 'appeal-decided', 'released', 'reporter-involvement', 'searching', 'law-enforcement', 'content-removed', 'conversation', 'consulted', 'plan-response')
_C7 = frozenset(('amended', 'appeal-decided', 'appealed', 'assigned', 'cleared', 'closed', 'communicated', 'confirmed', 'consulted', 'contact', 'content-removed', 'conversation', 'decided', 'evidence', 'excluded', 'exported', 'granted', 'law-enforcement', 'lifted', 'note', 'opened', 'plan-response', 'proposed', 'recused', 'released', 'reopened', 'reporter-involvement', 'revoked', 'searching', 'superseded', 'voted', ))
_C8 = frozenset(('at', 'by', 'data', 'id', 'type', ))
_C9 = ('amended',)
_C10 = frozenset(('amended', ))
_C11 = ('complaint', 'concern', 'anonymous', 'escrow')
_C12 = frozenset(('anonymous', 'complaint', 'concern', 'escrow', ))
_C13 = ('email', 'dm', 'in-person', 'public-channel', 'proactive')
_C14 = frozenset(('dm', 'email', 'in-person', 'proactive', 'public-channel', ))
_C15 = ('low', 'medium', 'high', 'critical')
_C16 = frozenset(('critical', 'high', 'low', 'medium', ))
_C17 = frozenset(('contact', 'name', ))
_C18 = frozenset(('area', 'channel', 'consent', 'kind', 'privacy', 'received_at', 'reporter', 'severity', 'summary', 'urgent', ))
_C19 = ('anonymous',)
_C20 = frozenset(('anonymous', ))
_C21 = frozenset(('evidence', 'reported', 'witnesses', ))
_C22 = frozenset(('add', 'remove', 'set', ))
_C23 = ('assigned',)
_C24 = frozenset(('assigned', ))
_C25 = frozenset(('primary', 'secondary', ))
_C26 = ('cleared',)
_C27 = frozenset(('cleared', ))
_C28 = frozenset(('approve', 'member', ))
_C29 = ('closed',)
_C30 = frozenset(('closed', ))
_C31 = frozenset(('ends', 'out_of_scope', 'public_summary', 'resolution', ))
_C32 = ('communicated',)
_C33 = frozenset(('communicated', ))
_C34 = ('reporter', 'reported', 'committee', 'community-manager', 'community', 'other')
_C35 = frozenset(('committee', 'community', 'community-manager', 'other', 'reported', 'reporter', ))
_C36 = ('ack', 'update', 'decision', 'law-enforcement', 'overturned', 'other')
_C37 = frozenset(('ack', 'decision', 'law-enforcement', 'other', 'overturned', 'update', ))
_C38 = frozenset(('kind', 'summary', 'to', ))
_C39 = ('contact',)
_C40 = frozenset(('contact', ))
_C41 = frozenset(('text', 'with', ))
_C42 = ('evidence',)
_C43 = frozenset(('evidence', ))
_C44 = frozenset(('media_type', 'name', 'path', 'sha256', 'size', ))
_C45 = frozenset(('description', 'file', ))
_C46 = ('excluded',)
_C47 = frozenset(('excluded', ))
_C48 = frozenset(('member', ))
_C49 = ('exported',)
_C50 = frozenset(('exported', ))
_C51 = frozenset(('files', 'reason', 'redactions', ))
_C52 = ('granted',)
_C53 = frozenset(('granted', ))
_C54 = frozenset(('name', 'recipient', 'signing', ))
_C55 = ('note',)
_C56 = frozenset(('note', ))
_C57 = frozenset(('text', ))
_C58 = ('opened',)
_C59 = frozenset(('opened', ))
_C60 = frozenset(('area', 'case', 'channel', 'consent', 'evidence', 'exclude', 'kind', 'privacy', 'received_at', 'reported', 'reporter', 'severity', 'summary', 'urgent', 'witnesses', ))
_C61 = ('recused',)
_C62 = frozenset(('recused', ))
_C63 = frozenset(('hard', 'member', 'reason', ))
_C64 = ('reopened',)
_C65 = frozenset(('reopened', ))
_C66 = frozenset(('reason', ))
_C67 = ('revoked',)
_C68 = frozenset(('revoked', ))
_C69 = frozenset(('name', ))
_C70 = ('proposed',)
_C71 = frozenset(('proposed', ))
_C72 = frozenset(('id', 'params', ))
_C73 = frozenset(('consequences', 'number', 'persons', 'rationale', 'violation', ))
_C74 = ('voted',)
_C75 = frozenset(('voted', ))
_C76 = ('yes', 'no', 'abstain')
_C77 = frozenset(('abstain', 'no', 'yes', ))
_C78 = frozenset(('proposal', 'vote', ))
_C79 = ('decided',)
_C80 = frozenset(('decided', ))
_C81 = ('adopted', 'rejected')
_C82 = frozenset(('adopted', 'rejected', ))
_C83 = frozenset(('count', 'person', 'requires', 'threshold', ))
_C84 = frozenset(('consequences', 'interim', 'known', 'number', 'outcome', 'persons', 'proposal', 'rationale', 'strikes', 'tally', 'violation', ))
_C85 = ('confirmed',)
_C86 = frozenset(('confirmed', ))
_C87 = frozenset(('decision', 'rationale', ))
_C88 = ('lifted',)
_C89 = frozenset(('lifted', ))
_C90 = ('superseded',)
_C91 = frozenset(('superseded', ))
_C92 = ('appealed',)
_C93 = frozenset(('appealed', ))
_C94 = frozenset(('decision', 'number', 'reason', ))
_C95 = ('appeal-decided',)
_C96 = frozenset(('appeal-decided', ))
_C97 = ('upheld', 'overturned')
_C98 = frozenset(('overturned', 'upheld', ))
_C99 = frozenset(('appeal', 'rationale', 'result', ))
_C100 = ('released',)
_C101 = frozenset(('released', ))
_C102 = ('complaint', 'concern', 'anonymous')
_C103 = frozenset(('anonymous', 'complaint', 'concern', ))
_C104 = ('repeated', 'pattern')
_C105 = frozenset(('pattern', 'repeated', ))
_C106 = frozenset(('ground', 'kind', 'reason', ))
_C107 = ('reporter-involvement',)
_C108 = frozenset(('reporter-involvement', ))
_C109 = frozenset(('involved', 'note', ))
_C110 = ('searching',)
_C111 = frozenset(('searching', ))
_C112 = ('law-enforcement',)
_C113 = frozenset(('law-enforcement', ))
_C114 = frozenset(('given', 'reporter_asked', ))
_C115 = ('content-removed',)
_C116 = frozenset(('content-removed', ))
_C117 = ('deleted', 'requested')
_C118 = frozenset(('deleted', 'requested', ))
_C119 = frozenset(('action', 'where', ))
_C120 = ('conversation',)
_C121 = frozenset(('conversation', ))
_C122 = frozenset(('medium', 'observer', 'observer_agreed', 'with', ))
_C123 = ('consulted',)
_C124 = frozenset(('consulted', ))
_C125 = frozenset(('agreed', 'note', ))
_C126 = ('plan-response',)
_C127 = frozenset(('plan-response', ))
_C128 = ('accepted', 'refused', 'not-understood')
_C129 = frozenset(('accepted', 'not-understood', 'refused', ))
_C130 = frozenset(('decision', 'note', 'response', ))
_C131 = frozenset(('case', 'cocctl', 'events', 'opened', 'status', 'updated', ))
_C132 = (2,)
_C133 = frozenset(('at', 'kind', ))
_C134 = ('not-violation', 'out-of-scope', 'no-action', 'action')
_C135 = frozenset(('action', 'no-action', 'not-violation', 'out-of-scope', ))
_C136 = frozenset(('actions', 'kind', 'named', 'outcome', 'source', ))
_C137 = (True,)
_C138 = frozenset(('actors', 'age', 'at', 'by', 'guests', 'id', 'imported', 'readers', 'sealed', 'sealer', 'sig', 'vouch', ))
_C139 = frozenset(('case', 'cocctl', 'due', 'expunge', 'guests', 'opened', 'people', 'readers', 'report', 'reseal', 'seals', 'status', 'updated', ))
_C140 = frozenset(('confirmed', 'email', 'employer', 'handle', 'joined', 'left', 'name', 'recipient', 'roles', 'signing', ))
_C141 = ('add', 'remove', 'rotate-key', 'update', 'config', 'approve')
_C142 = frozenset(('add', 'approve', 'config', 'remove', 'rotate-key', 'update', ))
_C143 = ('single', 'majority')
_C144 = frozenset(('majority', 'single', ))
_C145 = frozenset(('after', 'approves', 'at', 'by', 'change', 'config', 'id', 'member', 'removal', 'sig', ))
_C146 = ('config',)
_C147 = frozenset(('config', ))
_C148 = ('approve',)
_C149 = frozenset(('approve', ))
_C150 = ('rotate-key',)
_C151 = frozenset(('rotate-key', ))
_C152 = ('add',)
_C153 = frozenset(('add', ))
_C154 = frozenset(('changes', 'cocctl', 'members', ))
_C155 = ('rls', 'sse', 'enginexp', 'kubernetes', 'chaoss', 'django', 'contributor-covenant')
_C156 = frozenset(('chaoss', 'contributor-covenant', 'django', 'enginexp', 'kubernetes', 'rls', 'sse', ))
_C157 = frozenset(('cocctl', 'community', 'policy', 'preset', ))
_C158 = frozenset(('case', 'cocctl', 'due', 'guests', 'opened', 'payload', 'people', 'recipients', 'status', 'updated', ))
_C159 = ('committee', 'cleared')
_C160 = frozenset(('cleared', 'committee', ))
_C161 = ('single', 'majority', 'two-thirds', 'unanimous')
_C162 = frozenset(('majority', 'single', 'two-thirds', 'unanimous', ))
_C163 = ('cast', 'present', 'eligible')
_C164 = frozenset(('cast', 'eligible', 'present', ))
_C165 = ('all', 'majority')
_C166 = frozenset(('all', 'majority', ))
_C167 = ('majority', 'two-thirds', None)
_C168 = frozenset(('majority', 'two-thirds', ))
_C169 = frozenset(('basis', 'exclude_roles', 'fallback', 'quorum', 'rule', 'tie_breaker', 'voter_roles', ))
_C170 = frozenset(('expire', 'requires', 'threshold', ))
_C171 = frozenset(('allowed', 'closes_after', 'of', 'opens_after', ))
_C172 = frozenset(('allowed', 'consequences', 'kinds', 'until_resolved', ))
_C173 = frozenset(('decision', 'first_response', 'member_confirmation', 'reporter_outcome', 'reporter_update', ))
_C174 = frozenset(('max_employer_share', 'watch', ))
_C175 = frozenset(('max_mib', ))
_C176 = frozenset(('after_sanction', 'concern', 'not_violation', 'resolved', ))
_C177 = ('any', 'reporter-request')
_C178 = frozenset(('any', 'reporter-request', ))
_C179 = ('free', 'consult')
_C180 = frozenset(('consult', 'free', ))
_C181 = frozenset(('access', 'accused_first', 'appeals', 'consequences', 'deadlines', 'decisions', 'description', 'evidence', 'expiring_soon', 'interim', 'law_enforcement', 'member_removal', 'owners', 'public_channel', 'reapply', 'require_signed_commits', 'retention', 'roster', 'strikes', 'timezone', ))

def _case_0(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'cocctl' in x:
            _case_1(x['cocctl'], p + ('cocctl',), out)
        if 'case' in x:
            _case_2(x['case'], p + ('case',), out)
        if 'status' in x:
            _case_4(x['status'], p + ('status',), out)
        if 'opened' in x:
            _case_5(x['opened'], p + ('opened',), out)
        if 'updated' in x:
            _case_7(x['updated'], p + ('updated',), out)
        if 'events' in x:
            _case_8(x['events'], p + ('events',), out)
        for key in x:
            if key not in _C131:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('cocctl', 'case', 'status', 'opened', 'updated', 'events') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_1(x, p, out):
    if not _in(x, _C0, _C1):
        out.append((p, 'must be one of 1'))

def _case_2(x, p, out):
    _case_3_caseId(x, p, out)

def _case_3_caseId(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9]{4}-[a-z]+-[a-z]+\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_4(x, p, out):
    if not _in(x, _C2, _C3):
        out.append((p, 'must be one of open, escrowed, closed'))

def _case_5(x, p, out):
    _case_6_time(x, p, out)

def _case_6_time(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_7(x, p, out):
    _case_6_time(x, p, out)

def _case_8(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_9(item, p + (index,), out)

def _case_9(x, p, out):
    _case_10_event(x, p, out)

def _case_10_event(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'id' in x:
            _case_11(x['id'], p + ('id',), out)
        if 'at' in x:
            _case_12(x['at'], p + ('at',), out)
        if 'by' in x:
            _case_13(x['by'], p + ('by',), out)
        if 'type' in x:
            _case_17(x['type'], p + ('type',), out)
        if 'data' in x:
            _case_18(x['data'], p + ('data',), out)
        for key in x:
            if key not in _C8:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('id', 'at', 'by', 'type', 'data') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
    _case_19(x, p, out)
    _case_60(x, p, out)
    _case_68(x, p, out)
    _case_76(x, p, out)
    _case_87(x, p, out)
    _case_96(x, p, out)
    _case_104(x, p, out)
    _case_117(x, p, out)
    _case_124(x, p, out)
    _case_134(x, p, out)
    _case_144(x, p, out)
    _case_151(x, p, out)
    _case_181(x, p, out)
    _case_190(x, p, out)
    _case_197(x, p, out)
    _case_204(x, p, out)
    _case_225(x, p, out)
    _case_235(x, p, out)
    _case_263(x, p, out)
    _case_273(x, p, out)
    _case_283(x, p, out)
    _case_293(x, p, out)
    _case_304(x, p, out)
    _case_315(x, p, out)
    _case_324(x, p, out)
    _case_332(x, p, out)
    _case_339(x, p, out)
    _case_347(x, p, out)
    _case_355(x, p, out)
    _case_365(x, p, out)
    _case_373(x, p, out)

def _case_11(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_12(x, p, out):
    _case_6_time(x, p, out)

def _case_13(x, p, out):
    found = []
    for check in (_case_14, _case_16,):
        errors = []
        check(x, p, errors)
        if not errors:
            break
        found += errors
    else:
        out += found

def _case_14(x, p, out):
    _case_15_handle(x, p, out)

def _case_15_handle(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z0-9][a-z0-9._-]{0,38}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_16(x, p, out):
    if not _in(x, _C4, _C5):
        out.append((p, 'must be one of system'))

def _case_17(x, p, out):
    if not _in(x, _C6, _C7):
        out.append((p, 'must be one of amended, assigned, cleared, closed, communicated, contact, evidence, excluded, exported, granted, note, opened, recused, reopened, revoked, proposed, voted, decided, confirmed, lifted, superseded, appealed, appeal-decided, released, reporter-involvement, searching, law-enforcement, content-removed, conversation, consulted, plan-response'))

def _case_18(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))

def _case_19(x, p, out):
    errors = []
    _case_20(x, p, errors)
    if not errors:
        _case_22(x, p, out)

def _case_20(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_21(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_21(x, p, out):
    if not _in(x, _C9, _C10):
        out.append((p, 'must be one of amended'))

def _case_22(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_23(x['data'], p + ('data',), out)

def _case_23(x, p, out):
    _case_24_data_amended(x, p, out)

def _case_24_data_amended(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'set' in x:
            _case_25(x['set'], p + ('set',), out)
        if 'add' in x:
            _case_46(x['add'], p + ('add',), out)
        if 'remove' in x:
            _case_53(x['remove'], p + ('remove',), out)
        for key in x:
            if key not in _C22:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in () if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
        if len(x) < 1:
            out.append((p, 'must not be empty'))

def _case_25(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'summary' in x:
            _case_26(x['summary'], p + ('summary',), out)
        if 'area' in x:
            _case_28(x['area'], p + ('area',), out)
        if 'kind' in x:
            _case_30(x['kind'], p + ('kind',), out)
        if 'channel' in x:
            _case_31(x['channel'], p + ('channel',), out)
        if 'received_at' in x:
            _case_32(x['received_at'], p + ('received_at',), out)
        if 'severity' in x:
            _case_33(x['severity'], p + ('severity',), out)
        if 'urgent' in x:
            _case_34(x['urgent'], p + ('urgent',), out)
        if 'privacy' in x:
            _case_35(x['privacy'], p + ('privacy',), out)
        if 'consent' in x:
            _case_36(x['consent'], p + ('consent',), out)
        if 'reporter' in x:
            _case_37(x['reporter'], p + ('reporter',), out)
        for key in x:
            if key not in _C18:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in () if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
    _case_41(x, p, out)

def _case_26(x, p, out):
    _case_27_text(x, p, out)

def _case_27_text(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, str) and len(x) > 20000:
        out.append((p, 'is too long'))

def _case_28(x, p, out):
    _case_29_line(x, p, out)

def _case_29_line(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, str) and len(x) > 500:
        out.append((p, 'is too long'))

def _case_30(x, p, out):
    if not _in(x, _C11, _C12):
        out.append((p, 'must be one of complaint, concern, anonymous, escrow'))

def _case_31(x, p, out):
    if not _in(x, _C13, _C14):
        out.append((p, 'must be one of email, dm, in-person, public-channel, proactive'))

def _case_32(x, p, out):
    _case_6_time(x, p, out)

def _case_33(x, p, out):
    if not _in(x, _C15, _C16):
        out.append((p, 'must be one of low, medium, high, critical'))

def _case_34(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_35(x, p, out):
    _case_27_text(x, p, out)

def _case_36(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_37(x, p, out):
    _case_38_reporter(x, p, out)

def _case_38_reporter(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'name' in x:
            _case_39(x['name'], p + ('name',), out)
        if 'contact' in x:
            _case_40(x['contact'], p + ('contact',), out)
        for key in x:
            if key not in _C17:
                out.append((p, 'has fields this format does not allow'))
                break
        if len(x) < 1:
            out.append((p, 'must not be empty'))

def _case_39(x, p, out):
    _case_29_line(x, p, out)

def _case_40(x, p, out):
    _case_29_line(x, p, out)

def _case_41(x, p, out):
    errors = []
    _case_42(x, p, errors)
    if not errors:
        _case_44(x, p, out)

def _case_42(x, p, out):
    if isinstance(x, dict):
        if 'kind' in x:
            _case_43(x['kind'], p + ('kind',), out)
        missing = [name for name in ('kind',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_43(x, p, out):
    if not _in(x, _C19, _C20):
        out.append((p, 'must be one of anonymous'))

def _case_44(x, p, out):
    errors = []
    _case_45(x, p, errors)
    if not errors:
        out.append((p, 'has a field that is not allowed here (an anonymous report keeps no reporter)'))

def _case_45(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('reporter',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_46(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'reported' in x:
            _case_47(x['reported'], p + ('reported',), out)
        if 'witnesses' in x:
            _case_49(x['witnesses'], p + ('witnesses',), out)
        if 'evidence' in x:
            _case_51(x['evidence'], p + ('evidence',), out)
        for key in x:
            if key not in _C21:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in () if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_47(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_48(item, p + (index,), out)

def _case_48(x, p, out):
    _case_29_line(x, p, out)

def _case_49(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_50(item, p + (index,), out)

def _case_50(x, p, out):
    _case_29_line(x, p, out)

def _case_51(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_52(item, p + (index,), out)

def _case_52(x, p, out):
    _case_29_line(x, p, out)

def _case_53(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'reported' in x:
            _case_54(x['reported'], p + ('reported',), out)
        if 'witnesses' in x:
            _case_56(x['witnesses'], p + ('witnesses',), out)
        if 'evidence' in x:
            _case_58(x['evidence'], p + ('evidence',), out)
        for key in x:
            if key not in _C21:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in () if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_54(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_55(item, p + (index,), out)

def _case_55(x, p, out):
    _case_29_line(x, p, out)

def _case_56(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_57(item, p + (index,), out)

def _case_57(x, p, out):
    _case_29_line(x, p, out)

def _case_58(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_59(item, p + (index,), out)

def _case_59(x, p, out):
    _case_29_line(x, p, out)

def _case_60(x, p, out):
    errors = []
    _case_61(x, p, errors)
    if not errors:
        _case_63(x, p, out)

def _case_61(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_62(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_62(x, p, out):
    if not _in(x, _C23, _C24):
        out.append((p, 'must be one of assigned'))

def _case_63(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_64(x['data'], p + ('data',), out)

def _case_64(x, p, out):
    _case_65_data_assigned(x, p, out)

def _case_65_data_assigned(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'primary' in x:
            _case_66(x['primary'], p + ('primary',), out)
        if 'secondary' in x:
            _case_67(x['secondary'], p + ('secondary',), out)
        for key in x:
            if key not in _C25:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('primary',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_66(x, p, out):
    _case_15_handle(x, p, out)

def _case_67(x, p, out):
    _case_15_handle(x, p, out)

def _case_68(x, p, out):
    errors = []
    _case_69(x, p, errors)
    if not errors:
        _case_71(x, p, out)

def _case_69(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_70(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_70(x, p, out):
    if not _in(x, _C26, _C27):
        out.append((p, 'must be one of cleared'))

def _case_71(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_72(x['data'], p + ('data',), out)

def _case_72(x, p, out):
    _case_73_data_cleared(x, p, out)

def _case_73_data_cleared(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'member' in x:
            _case_74(x['member'], p + ('member',), out)
        if 'approve' in x:
            _case_75(x['approve'], p + ('approve',), out)
        for key in x:
            if key not in _C28:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('member',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_74(x, p, out):
    _case_15_handle(x, p, out)

def _case_75(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_76(x, p, out):
    errors = []
    _case_77(x, p, errors)
    if not errors:
        _case_79(x, p, out)

def _case_77(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_78(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_78(x, p, out):
    if not _in(x, _C29, _C30):
        out.append((p, 'must be one of closed'))

def _case_79(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_80(x['data'], p + ('data',), out)

def _case_80(x, p, out):
    _case_81_data_closed(x, p, out)

def _case_81_data_closed(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'resolution' in x:
            _case_82(x['resolution'], p + ('resolution',), out)
        if 'public_summary' in x:
            _case_83(x['public_summary'], p + ('public_summary',), out)
        if 'ends' in x:
            _case_84(x['ends'], p + ('ends',), out)
        if 'out_of_scope' in x:
            _case_86(x['out_of_scope'], p + ('out_of_scope',), out)
        for key in x:
            if key not in _C31:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('resolution',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_82(x, p, out):
    _case_27_text(x, p, out)

def _case_83(x, p, out):
    _case_27_text(x, p, out)

def _case_84(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_85(item, p + (index,), out)

def _case_85(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_86(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_87(x, p, out):
    errors = []
    _case_88(x, p, errors)
    if not errors:
        _case_90(x, p, out)

def _case_88(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_89(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_89(x, p, out):
    if not _in(x, _C32, _C33):
        out.append((p, 'must be one of communicated'))

def _case_90(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_91(x['data'], p + ('data',), out)

def _case_91(x, p, out):
    _case_92_data_communicated(x, p, out)

def _case_92_data_communicated(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'to' in x:
            _case_93(x['to'], p + ('to',), out)
        if 'kind' in x:
            _case_94(x['kind'], p + ('kind',), out)
        if 'summary' in x:
            _case_95(x['summary'], p + ('summary',), out)
        for key in x:
            if key not in _C38:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('to', 'kind') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_93(x, p, out):
    if not _in(x, _C34, _C35):
        out.append((p, 'must be one of reporter, reported, committee, community-manager, community, other'))

def _case_94(x, p, out):
    if not _in(x, _C36, _C37):
        out.append((p, 'must be one of ack, update, decision, law-enforcement, overturned, other'))

def _case_95(x, p, out):
    _case_27_text(x, p, out)

def _case_96(x, p, out):
    errors = []
    _case_97(x, p, errors)
    if not errors:
        _case_99(x, p, out)

def _case_97(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_98(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_98(x, p, out):
    if not _in(x, _C39, _C40):
        out.append((p, 'must be one of contact'))

def _case_99(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_100(x['data'], p + ('data',), out)

def _case_100(x, p, out):
    _case_101_data_contact(x, p, out)

def _case_101_data_contact(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'with' in x:
            _case_102(x['with'], p + ('with',), out)
        if 'text' in x:
            _case_103(x['text'], p + ('text',), out)
        for key in x:
            if key not in _C41:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('with', 'text') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_102(x, p, out):
    _case_29_line(x, p, out)

def _case_103(x, p, out):
    _case_27_text(x, p, out)

def _case_104(x, p, out):
    errors = []
    _case_105(x, p, errors)
    if not errors:
        _case_107(x, p, out)

def _case_105(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_106(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_106(x, p, out):
    if not _in(x, _C42, _C43):
        out.append((p, 'must be one of evidence'))

def _case_107(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_108(x['data'], p + ('data',), out)

def _case_108(x, p, out):
    _case_109_data_evidence(x, p, out)

def _case_109_data_evidence(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'description' in x:
            _case_110(x['description'], p + ('description',), out)
        if 'file' in x:
            _case_111(x['file'], p + ('file',), out)
        for key in x:
            if key not in _C45:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('description',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_110(x, p, out):
    _case_29_line(x, p, out)

def _case_111(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'path' in x:
            _case_112(x['path'], p + ('path',), out)
        if 'name' in x:
            _case_113(x['name'], p + ('name',), out)
        if 'sha256' in x:
            _case_114(x['sha256'], p + ('sha256',), out)
        if 'size' in x:
            _case_115(x['size'], p + ('size',), out)
        if 'media_type' in x:
            _case_116(x['media_type'], p + ('media_type',), out)
        for key in x:
            if key not in _C44:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('path', 'name', 'sha256', 'size', 'media_type') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_112(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^cases/[^/]+/[0-9A-HJKMNP-TV-Z]{26}-[1-9][0-9]{0,3}[.]age\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_113(x, p, out):
    _case_29_line(x, p, out)

def _case_114(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9a-f]{64}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_115(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 0:
        out.append((p, 'breaks the minimum rule'))

def _case_116(x, p, out):
    _case_29_line(x, p, out)

def _case_117(x, p, out):
    errors = []
    _case_118(x, p, errors)
    if not errors:
        _case_120(x, p, out)

def _case_118(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_119(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_119(x, p, out):
    if not _in(x, _C46, _C47):
        out.append((p, 'must be one of excluded'))

def _case_120(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_121(x['data'], p + ('data',), out)

def _case_121(x, p, out):
    _case_122_data_excluded(x, p, out)

def _case_122_data_excluded(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'member' in x:
            _case_123(x['member'], p + ('member',), out)
        for key in x:
            if key not in _C48:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('member',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_123(x, p, out):
    _case_15_handle(x, p, out)

def _case_124(x, p, out):
    errors = []
    _case_125(x, p, errors)
    if not errors:
        _case_127(x, p, out)

def _case_125(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_126(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_126(x, p, out):
    if not _in(x, _C49, _C50):
        out.append((p, 'must be one of exported'))

def _case_127(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_128(x['data'], p + ('data',), out)

def _case_128(x, p, out):
    _case_129_data_exported(x, p, out)

def _case_129_data_exported(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'reason' in x:
            _case_130(x['reason'], p + ('reason',), out)
        if 'redactions' in x:
            _case_131(x['redactions'], p + ('redactions',), out)
        if 'files' in x:
            _case_133(x['files'], p + ('files',), out)
        for key in x:
            if key not in _C51:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('reason', 'files') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_130(x, p, out):
    _case_27_text(x, p, out)

def _case_131(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_132(item, p + (index,), out)

def _case_132(x, p, out):
    _case_29_line(x, p, out)

def _case_133(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))

def _case_134(x, p, out):
    errors = []
    _case_135(x, p, errors)
    if not errors:
        _case_137(x, p, out)

def _case_135(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_136(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_136(x, p, out):
    if not _in(x, _C52, _C53):
        out.append((p, 'must be one of granted'))

def _case_137(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_138(x['data'], p + ('data',), out)

def _case_138(x, p, out):
    _case_139_data_granted(x, p, out)

def _case_139_data_granted(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'name' in x:
            _case_140(x['name'], p + ('name',), out)
        if 'recipient' in x:
            _case_141(x['recipient'], p + ('recipient',), out)
        if 'signing' in x:
            _case_143(x['signing'], p + ('signing',), out)
        for key in x:
            if key not in _C54:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('name', 'recipient') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_140(x, p, out):
    _case_15_handle(x, p, out)

def _case_141(x, p, out):
    _case_142_recipient(x, p, out)

def _case_142_recipient(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^age1[02-9ac-hj-np-z]{58}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_143(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^ed25519:[A-Za-z0-9+/]{43}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_144(x, p, out):
    errors = []
    _case_145(x, p, errors)
    if not errors:
        _case_147(x, p, out)

def _case_145(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_146(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_146(x, p, out):
    if not _in(x, _C55, _C56):
        out.append((p, 'must be one of note'))

def _case_147(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_148(x['data'], p + ('data',), out)

def _case_148(x, p, out):
    _case_149_data_note(x, p, out)

def _case_149_data_note(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'text' in x:
            _case_150(x['text'], p + ('text',), out)
        for key in x:
            if key not in _C57:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('text',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_150(x, p, out):
    _case_27_text(x, p, out)

def _case_151(x, p, out):
    errors = []
    _case_152(x, p, errors)
    if not errors:
        _case_154(x, p, out)

def _case_152(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_153(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_153(x, p, out):
    if not _in(x, _C58, _C59):
        out.append((p, 'must be one of opened'))

def _case_154(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_155(x['data'], p + ('data',), out)

def _case_155(x, p, out):
    _case_156_data_opened(x, p, out)

def _case_156_data_opened(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'case' in x:
            _case_157(x['case'], p + ('case',), out)
        if 'summary' in x:
            _case_158(x['summary'], p + ('summary',), out)
        if 'area' in x:
            _case_159(x['area'], p + ('area',), out)
        if 'kind' in x:
            _case_160(x['kind'], p + ('kind',), out)
        if 'channel' in x:
            _case_161(x['channel'], p + ('channel',), out)
        if 'received_at' in x:
            _case_162(x['received_at'], p + ('received_at',), out)
        if 'severity' in x:
            _case_163(x['severity'], p + ('severity',), out)
        if 'urgent' in x:
            _case_164(x['urgent'], p + ('urgent',), out)
        if 'privacy' in x:
            _case_165(x['privacy'], p + ('privacy',), out)
        if 'consent' in x:
            _case_166(x['consent'], p + ('consent',), out)
        if 'reporter' in x:
            _case_167(x['reporter'], p + ('reporter',), out)
        if 'reported' in x:
            _case_168(x['reported'], p + ('reported',), out)
        if 'witnesses' in x:
            _case_170(x['witnesses'], p + ('witnesses',), out)
        if 'evidence' in x:
            _case_172(x['evidence'], p + ('evidence',), out)
        if 'exclude' in x:
            _case_174(x['exclude'], p + ('exclude',), out)
        for key in x:
            if key not in _C60:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('case', 'summary', 'kind', 'channel', 'received_at', 'severity') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
    _case_176(x, p, out)

def _case_157(x, p, out):
    _case_3_caseId(x, p, out)

def _case_158(x, p, out):
    _case_27_text(x, p, out)

def _case_159(x, p, out):
    _case_29_line(x, p, out)

def _case_160(x, p, out):
    if not _in(x, _C11, _C12):
        out.append((p, 'must be one of complaint, concern, anonymous, escrow'))

def _case_161(x, p, out):
    if not _in(x, _C13, _C14):
        out.append((p, 'must be one of email, dm, in-person, public-channel, proactive'))

def _case_162(x, p, out):
    _case_6_time(x, p, out)

def _case_163(x, p, out):
    if not _in(x, _C15, _C16):
        out.append((p, 'must be one of low, medium, high, critical'))

def _case_164(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_165(x, p, out):
    _case_27_text(x, p, out)

def _case_166(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_167(x, p, out):
    _case_38_reporter(x, p, out)

def _case_168(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_169(item, p + (index,), out)

def _case_169(x, p, out):
    _case_29_line(x, p, out)

def _case_170(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_171(item, p + (index,), out)

def _case_171(x, p, out):
    _case_29_line(x, p, out)

def _case_172(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_173(item, p + (index,), out)

def _case_173(x, p, out):
    _case_29_line(x, p, out)

def _case_174(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_175(item, p + (index,), out)

def _case_175(x, p, out):
    _case_15_handle(x, p, out)

def _case_176(x, p, out):
    errors = []
    _case_177(x, p, errors)
    if not errors:
        _case_179(x, p, out)

def _case_177(x, p, out):
    if isinstance(x, dict):
        if 'kind' in x:
            _case_178(x['kind'], p + ('kind',), out)
        missing = [name for name in ('kind',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_178(x, p, out):
    if not _in(x, _C19, _C20):
        out.append((p, 'must be one of anonymous'))

def _case_179(x, p, out):
    errors = []
    _case_180(x, p, errors)
    if not errors:
        out.append((p, 'has a field that is not allowed here (an anonymous report keeps no reporter)'))

def _case_180(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('reporter',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_181(x, p, out):
    errors = []
    _case_182(x, p, errors)
    if not errors:
        _case_184(x, p, out)

def _case_182(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_183(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_183(x, p, out):
    if not _in(x, _C61, _C62):
        out.append((p, 'must be one of recused'))

def _case_184(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_185(x['data'], p + ('data',), out)

def _case_185(x, p, out):
    _case_186_data_recused(x, p, out)

def _case_186_data_recused(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'member' in x:
            _case_187(x['member'], p + ('member',), out)
        if 'hard' in x:
            _case_188(x['hard'], p + ('hard',), out)
        if 'reason' in x:
            _case_189(x['reason'], p + ('reason',), out)
        for key in x:
            if key not in _C63:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('member',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_187(x, p, out):
    _case_15_handle(x, p, out)

def _case_188(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_189(x, p, out):
    _case_27_text(x, p, out)

def _case_190(x, p, out):
    errors = []
    _case_191(x, p, errors)
    if not errors:
        _case_193(x, p, out)

def _case_191(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_192(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_192(x, p, out):
    if not _in(x, _C64, _C65):
        out.append((p, 'must be one of reopened'))

def _case_193(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_194(x['data'], p + ('data',), out)

def _case_194(x, p, out):
    _case_195_data_reopened(x, p, out)

def _case_195_data_reopened(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'reason' in x:
            _case_196(x['reason'], p + ('reason',), out)
        for key in x:
            if key not in _C66:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('reason',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_196(x, p, out):
    _case_27_text(x, p, out)

def _case_197(x, p, out):
    errors = []
    _case_198(x, p, errors)
    if not errors:
        _case_200(x, p, out)

def _case_198(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_199(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_199(x, p, out):
    if not _in(x, _C67, _C68):
        out.append((p, 'must be one of revoked'))

def _case_200(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_201(x['data'], p + ('data',), out)

def _case_201(x, p, out):
    _case_202_data_revoked(x, p, out)

def _case_202_data_revoked(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'name' in x:
            _case_203(x['name'], p + ('name',), out)
        for key in x:
            if key not in _C69:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('name',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_203(x, p, out):
    _case_15_handle(x, p, out)

def _case_204(x, p, out):
    errors = []
    _case_205(x, p, errors)
    if not errors:
        _case_207(x, p, out)

def _case_205(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_206(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_206(x, p, out):
    if not _in(x, _C70, _C71):
        out.append((p, 'must be one of proposed'))

def _case_207(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_208(x['data'], p + ('data',), out)

def _case_208(x, p, out):
    _case_209_data_proposed(x, p, out)

def _case_209_data_proposed(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'number' in x:
            _case_210(x['number'], p + ('number',), out)
        if 'violation' in x:
            _case_211(x['violation'], p + ('violation',), out)
        if 'consequences' in x:
            _case_212(x['consequences'], p + ('consequences',), out)
        if 'rationale' in x:
            _case_222(x['rationale'], p + ('rationale',), out)
        if 'persons' in x:
            _case_223(x['persons'], p + ('persons',), out)
        for key in x:
            if key not in _C73:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('violation', 'consequences', 'rationale') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_210(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_211(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_212(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_213(item, p + (index,), out)

def _case_213(x, p, out):
    _case_214_consequence(x, p, out)

def _case_214_consequence(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'id' in x:
            _case_215(x['id'], p + ('id',), out)
        if 'params' in x:
            _case_216(x['params'], p + ('params',), out)
        for key in x:
            if key not in _C72:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('id',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_215(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z][a-z0-9-]*\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_216(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        for key in x:
            if key not in _C1:
                _case_217(x[key], p + (key,), out)

def _case_217(x, p, out):
    found = []
    for check in (_case_218, _case_219, _case_220,):
        errors = []
        check(x, p, errors)
        if not errors:
            break
        found += errors
    else:
        out += found

def _case_218(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and len(x) > 4000:
        out.append((p, 'is too long'))

def _case_219(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))

def _case_220(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_221(item, p + (index,), out)

def _case_221(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))

def _case_222(x, p, out):
    _case_27_text(x, p, out)

def _case_223(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_224(item, p + (index,), out)

def _case_224(x, p, out):
    _case_29_line(x, p, out)

def _case_225(x, p, out):
    errors = []
    _case_226(x, p, errors)
    if not errors:
        _case_228(x, p, out)

def _case_226(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_227(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_227(x, p, out):
    if not _in(x, _C74, _C75):
        out.append((p, 'must be one of voted'))

def _case_228(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_229(x['data'], p + ('data',), out)

def _case_229(x, p, out):
    _case_230_data_voted(x, p, out)

def _case_230_data_voted(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'proposal' in x:
            _case_231(x['proposal'], p + ('proposal',), out)
        if 'vote' in x:
            _case_234(x['vote'], p + ('vote',), out)
        for key in x:
            if key not in _C78:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('proposal', 'vote') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_231(x, p, out):
    checks = (_case_232, _case_233,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_232(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_233(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_234(x, p, out):
    if not _in(x, _C76, _C77):
        out.append((p, 'must be one of yes, no, abstain'))

def _case_235(x, p, out):
    errors = []
    _case_236(x, p, errors)
    if not errors:
        _case_238(x, p, out)

def _case_236(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_237(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_237(x, p, out):
    if not _in(x, _C79, _C80):
        out.append((p, 'must be one of decided'))

def _case_238(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_239(x['data'], p + ('data',), out)

def _case_239(x, p, out):
    _case_240_data_decided(x, p, out)

def _case_240_data_decided(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'number' in x:
            _case_241(x['number'], p + ('number',), out)
        if 'proposal' in x:
            _case_242(x['proposal'], p + ('proposal',), out)
        if 'known' in x:
            _case_245(x['known'], p + ('known',), out)
        if 'outcome' in x:
            _case_247(x['outcome'], p + ('outcome',), out)
        if 'violation' in x:
            _case_248(x['violation'], p + ('violation',), out)
        if 'consequences' in x:
            _case_249(x['consequences'], p + ('consequences',), out)
        if 'rationale' in x:
            _case_251(x['rationale'], p + ('rationale',), out)
        if 'persons' in x:
            _case_252(x['persons'], p + ('persons',), out)
        if 'interim' in x:
            _case_254(x['interim'], p + ('interim',), out)
        if 'tally' in x:
            _case_255(x['tally'], p + ('tally',), out)
        if 'strikes' in x:
            _case_256(x['strikes'], p + ('strikes',), out)
        for key in x:
            if key not in _C84:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('outcome', 'violation', 'consequences', 'rationale') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_241(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_242(x, p, out):
    checks = (_case_243, _case_244,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_243(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_244(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_245(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_246(item, p + (index,), out)

def _case_246(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_247(x, p, out):
    if not _in(x, _C81, _C82):
        out.append((p, 'must be one of adopted, rejected'))

def _case_248(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_249(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_250(item, p + (index,), out)

def _case_250(x, p, out):
    _case_214_consequence(x, p, out)

def _case_251(x, p, out):
    _case_27_text(x, p, out)

def _case_252(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_253(item, p + (index,), out)

def _case_253(x, p, out):
    _case_29_line(x, p, out)

def _case_254(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_255(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))

def _case_256(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_257(item, p + (index,), out)

def _case_257(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'person' in x:
            _case_258(x['person'], p + ('person',), out)
        if 'count' in x:
            _case_259(x['count'], p + ('count',), out)
        if 'threshold' in x:
            _case_260(x['threshold'], p + ('threshold',), out)
        if 'requires' in x:
            _case_261(x['requires'], p + ('requires',), out)
        for key in x:
            if key not in _C83:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('person', 'count', 'threshold') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_258(x, p, out):
    _case_29_line(x, p, out)

def _case_259(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))

def _case_260(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))

def _case_261(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_262(item, p + (index,), out)

def _case_262(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))

def _case_263(x, p, out):
    errors = []
    _case_264(x, p, errors)
    if not errors:
        _case_266(x, p, out)

def _case_264(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_265(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_265(x, p, out):
    if not _in(x, _C85, _C86):
        out.append((p, 'must be one of confirmed'))

def _case_266(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_267(x['data'], p + ('data',), out)

def _case_267(x, p, out):
    _case_268_data_confirmed(x, p, out)

def _case_268_data_confirmed(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'decision' in x:
            _case_269(x['decision'], p + ('decision',), out)
        if 'rationale' in x:
            _case_272(x['rationale'], p + ('rationale',), out)
        for key in x:
            if key not in _C87:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('decision',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_269(x, p, out):
    checks = (_case_270, _case_271,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_270(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_271(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_272(x, p, out):
    _case_27_text(x, p, out)

def _case_273(x, p, out):
    errors = []
    _case_274(x, p, errors)
    if not errors:
        _case_276(x, p, out)

def _case_274(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_275(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_275(x, p, out):
    if not _in(x, _C88, _C89):
        out.append((p, 'must be one of lifted'))

def _case_276(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_277(x['data'], p + ('data',), out)

def _case_277(x, p, out):
    _case_278_data_lifted(x, p, out)

def _case_278_data_lifted(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'decision' in x:
            _case_279(x['decision'], p + ('decision',), out)
        if 'rationale' in x:
            _case_282(x['rationale'], p + ('rationale',), out)
        for key in x:
            if key not in _C87:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('decision', 'rationale') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_279(x, p, out):
    checks = (_case_280, _case_281,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_280(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_281(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_282(x, p, out):
    _case_27_text(x, p, out)

def _case_283(x, p, out):
    errors = []
    _case_284(x, p, errors)
    if not errors:
        _case_286(x, p, out)

def _case_284(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_285(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_285(x, p, out):
    if not _in(x, _C90, _C91):
        out.append((p, 'must be one of superseded'))

def _case_286(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_287(x['data'], p + ('data',), out)

def _case_287(x, p, out):
    _case_288_data_superseded(x, p, out)

def _case_288_data_superseded(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'decision' in x:
            _case_289(x['decision'], p + ('decision',), out)
        if 'rationale' in x:
            _case_292(x['rationale'], p + ('rationale',), out)
        for key in x:
            if key not in _C87:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('decision', 'rationale') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_289(x, p, out):
    checks = (_case_290, _case_291,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_290(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_291(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_292(x, p, out):
    _case_27_text(x, p, out)

def _case_293(x, p, out):
    errors = []
    _case_294(x, p, errors)
    if not errors:
        _case_296(x, p, out)

def _case_294(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_295(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_295(x, p, out):
    if not _in(x, _C92, _C93):
        out.append((p, 'must be one of appealed'))

def _case_296(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_297(x['data'], p + ('data',), out)

def _case_297(x, p, out):
    _case_298_data_appealed(x, p, out)

def _case_298_data_appealed(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'number' in x:
            _case_299(x['number'], p + ('number',), out)
        if 'decision' in x:
            _case_300(x['decision'], p + ('decision',), out)
        if 'reason' in x:
            _case_303(x['reason'], p + ('reason',), out)
        for key in x:
            if key not in _C94:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('decision', 'reason') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_299(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_300(x, p, out):
    checks = (_case_301, _case_302,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_301(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_302(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_303(x, p, out):
    _case_27_text(x, p, out)

def _case_304(x, p, out):
    errors = []
    _case_305(x, p, errors)
    if not errors:
        _case_307(x, p, out)

def _case_305(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_306(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_306(x, p, out):
    if not _in(x, _C95, _C96):
        out.append((p, 'must be one of appeal-decided'))

def _case_307(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_308(x['data'], p + ('data',), out)

def _case_308(x, p, out):
    _case_309_data_appeal_decided(x, p, out)

def _case_309_data_appeal_decided(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'appeal' in x:
            _case_310(x['appeal'], p + ('appeal',), out)
        if 'result' in x:
            _case_313(x['result'], p + ('result',), out)
        if 'rationale' in x:
            _case_314(x['rationale'], p + ('rationale',), out)
        for key in x:
            if key not in _C99:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('appeal', 'result', 'rationale') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_310(x, p, out):
    checks = (_case_311, _case_312,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_311(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_312(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_313(x, p, out):
    if not _in(x, _C97, _C98):
        out.append((p, 'must be one of upheld, overturned'))

def _case_314(x, p, out):
    _case_27_text(x, p, out)

def _case_315(x, p, out):
    errors = []
    _case_316(x, p, errors)
    if not errors:
        _case_318(x, p, out)

def _case_316(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_317(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_317(x, p, out):
    if not _in(x, _C100, _C101):
        out.append((p, 'must be one of released'))

def _case_318(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_319(x['data'], p + ('data',), out)

def _case_319(x, p, out):
    _case_320_data_released(x, p, out)

def _case_320_data_released(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'kind' in x:
            _case_321(x['kind'], p + ('kind',), out)
        if 'reason' in x:
            _case_322(x['reason'], p + ('reason',), out)
        if 'ground' in x:
            _case_323(x['ground'], p + ('ground',), out)
        for key in x:
            if key not in _C106:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('kind',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_321(x, p, out):
    if not _in(x, _C102, _C103):
        out.append((p, 'must be one of complaint, concern, anonymous'))

def _case_322(x, p, out):
    _case_27_text(x, p, out)

def _case_323(x, p, out):
    if not _in(x, _C104, _C105):
        out.append((p, 'must be one of repeated, pattern'))

def _case_324(x, p, out):
    errors = []
    _case_325(x, p, errors)
    if not errors:
        _case_327(x, p, out)

def _case_325(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_326(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_326(x, p, out):
    if not _in(x, _C107, _C108):
        out.append((p, 'must be one of reporter-involvement'))

def _case_327(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_328(x['data'], p + ('data',), out)

def _case_328(x, p, out):
    _case_329_data_reporter_involvement(x, p, out)

def _case_329_data_reporter_involvement(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'involved' in x:
            _case_330(x['involved'], p + ('involved',), out)
        if 'note' in x:
            _case_331(x['note'], p + ('note',), out)
        for key in x:
            if key not in _C109:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('involved',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_330(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_331(x, p, out):
    _case_27_text(x, p, out)

def _case_332(x, p, out):
    errors = []
    _case_333(x, p, errors)
    if not errors:
        _case_335(x, p, out)

def _case_333(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_334(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_334(x, p, out):
    if not _in(x, _C110, _C111):
        out.append((p, 'must be one of searching'))

def _case_335(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_336(x['data'], p + ('data',), out)

def _case_336(x, p, out):
    _case_337_data_searching(x, p, out)

def _case_337_data_searching(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'searching' in x:
            _case_338(x['searching'], p + ('searching',), out)
        for key in x:
            if key not in _C111:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('searching',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_338(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_339(x, p, out):
    errors = []
    _case_340(x, p, errors)
    if not errors:
        _case_342(x, p, out)

def _case_340(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_341(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_341(x, p, out):
    if not _in(x, _C112, _C113):
        out.append((p, 'must be one of law-enforcement'))

def _case_342(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_343(x['data'], p + ('data',), out)

def _case_343(x, p, out):
    _case_344_data_law_enforcement(x, p, out)

def _case_344_data_law_enforcement(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'reporter_asked' in x:
            _case_345(x['reporter_asked'], p + ('reporter_asked',), out)
        if 'given' in x:
            _case_346(x['given'], p + ('given',), out)
        for key in x:
            if key not in _C114:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('reporter_asked', 'given') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_345(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_346(x, p, out):
    _case_27_text(x, p, out)

def _case_347(x, p, out):
    errors = []
    _case_348(x, p, errors)
    if not errors:
        _case_350(x, p, out)

def _case_348(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_349(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_349(x, p, out):
    if not _in(x, _C115, _C116):
        out.append((p, 'must be one of content-removed'))

def _case_350(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_351(x['data'], p + ('data',), out)

def _case_351(x, p, out):
    _case_352_data_content_removed(x, p, out)

def _case_352_data_content_removed(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'where' in x:
            _case_353(x['where'], p + ('where',), out)
        if 'action' in x:
            _case_354(x['action'], p + ('action',), out)
        for key in x:
            if key not in _C119:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('where', 'action') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_353(x, p, out):
    _case_27_text(x, p, out)

def _case_354(x, p, out):
    if not _in(x, _C117, _C118):
        out.append((p, 'must be one of deleted, requested'))

def _case_355(x, p, out):
    errors = []
    _case_356(x, p, errors)
    if not errors:
        _case_358(x, p, out)

def _case_356(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_357(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_357(x, p, out):
    if not _in(x, _C120, _C121):
        out.append((p, 'must be one of conversation'))

def _case_358(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_359(x['data'], p + ('data',), out)

def _case_359(x, p, out):
    _case_360_data_conversation(x, p, out)

def _case_360_data_conversation(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'with' in x:
            _case_361(x['with'], p + ('with',), out)
        if 'medium' in x:
            _case_362(x['medium'], p + ('medium',), out)
        if 'observer' in x:
            _case_363(x['observer'], p + ('observer',), out)
        if 'observer_agreed' in x:
            _case_364(x['observer_agreed'], p + ('observer_agreed',), out)
        for key in x:
            if key not in _C122:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('with', 'medium') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_361(x, p, out):
    _case_29_line(x, p, out)

def _case_362(x, p, out):
    _case_29_line(x, p, out)

def _case_363(x, p, out):
    _case_29_line(x, p, out)

def _case_364(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_365(x, p, out):
    errors = []
    _case_366(x, p, errors)
    if not errors:
        _case_368(x, p, out)

def _case_366(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_367(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_367(x, p, out):
    if not _in(x, _C123, _C124):
        out.append((p, 'must be one of consulted'))

def _case_368(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_369(x['data'], p + ('data',), out)

def _case_369(x, p, out):
    _case_370_data_consulted(x, p, out)

def _case_370_data_consulted(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'agreed' in x:
            _case_371(x['agreed'], p + ('agreed',), out)
        if 'note' in x:
            _case_372(x['note'], p + ('note',), out)
        for key in x:
            if key not in _C125:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('agreed',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_371(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_372(x, p, out):
    _case_27_text(x, p, out)

def _case_373(x, p, out):
    errors = []
    _case_374(x, p, errors)
    if not errors:
        _case_376(x, p, out)

def _case_374(x, p, out):
    if isinstance(x, dict):
        if 'type' in x:
            _case_375(x['type'], p + ('type',), out)
        missing = [name for name in ('type',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_375(x, p, out):
    if not _in(x, _C126, _C127):
        out.append((p, 'must be one of plan-response'))

def _case_376(x, p, out):
    if isinstance(x, dict):
        if 'data' in x:
            _case_377(x['data'], p + ('data',), out)

def _case_377(x, p, out):
    _case_378_data_plan_response(x, p, out)

def _case_378_data_plan_response(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'decision' in x:
            _case_379(x['decision'], p + ('decision',), out)
        if 'response' in x:
            _case_382(x['response'], p + ('response',), out)
        if 'note' in x:
            _case_383(x['note'], p + ('note',), out)
        for key in x:
            if key not in _C130:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('decision', 'response') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_379(x, p, out):
    checks = (_case_380, _case_381,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _case_380(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_381(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _case_382(x, p, out):
    if not _in(x, _C128, _C129):
        out.append((p, 'must be one of accepted, refused, not-understood'))

def _case_383(x, p, out):
    _case_27_text(x, p, out)

def _casefile_384(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'cocctl' in x:
            _casefile_385(x['cocctl'], p + ('cocctl',), out)
        if 'case' in x:
            _casefile_386(x['case'], p + ('case',), out)
        if 'status' in x:
            _casefile_388(x['status'], p + ('status',), out)
        if 'opened' in x:
            _casefile_389(x['opened'], p + ('opened',), out)
        if 'updated' in x:
            _casefile_391(x['updated'], p + ('updated',), out)
        if 'readers' in x:
            _casefile_392(x['readers'], p + ('readers',), out)
        if 'guests' in x:
            _casefile_396(x['guests'], p + ('guests',), out)
        if 'due' in x:
            _casefile_397(x['due'], p + ('due',), out)
        if 'people' in x:
            _casefile_401(x['people'], p + ('people',), out)
        if 'expunge' in x:
            _casefile_403(x['expunge'], p + ('expunge',), out)
        if 'report' in x:
            _casefile_404(x['report'], p + ('report',), out)
        if 'reseal' in x:
            _casefile_411(x['reseal'], p + ('reseal',), out)
        if 'seals' in x:
            _casefile_412(x['seals'], p + ('seals',), out)
        for key in x:
            if key not in _C139:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('cocctl', 'case', 'status', 'opened', 'updated', 'readers', 'seals') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _casefile_385(x, p, out):
    if not _in(x, _C132, _C1):
        out.append((p, 'must be one of 2'))

def _casefile_386(x, p, out):
    _casefile_387_caseId(x, p, out)

def _casefile_387_caseId(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9]{4}-[a-z]+-[a-z]+\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_388(x, p, out):
    if not _in(x, _C2, _C3):
        out.append((p, 'must be one of open, escrowed, closed'))

def _casefile_389(x, p, out):
    _casefile_390_time(x, p, out)

def _casefile_390_time(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_391(x, p, out):
    _casefile_390_time(x, p, out)

def _casefile_392(x, p, out):
    _casefile_393_handles(x, p, out)

def _casefile_393_handles(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _casefile_394(item, p + (index,), out)

def _casefile_394(x, p, out):
    _casefile_395_handle(x, p, out)

def _casefile_395_handle(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z0-9][a-z0-9._-]{0,38}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_396(x, p, out):
    _casefile_393_handles(x, p, out)

def _casefile_397(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _casefile_398(item, p + (index,), out)

def _casefile_398(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'kind' in x:
            _casefile_399(x['kind'], p + ('kind',), out)
        if 'at' in x:
            _casefile_400(x['at'], p + ('at',), out)
        for key in x:
            if key not in _C133:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('kind', 'at') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _casefile_399(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z-]+\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_400(x, p, out):
    _casefile_390_time(x, p, out)

def _casefile_401(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _casefile_402(item, p + (index,), out)

def _casefile_402(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9a-f]{32}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_403(x, p, out):
    _casefile_390_time(x, p, out)

def _casefile_404(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'kind' in x:
            _casefile_405(x['kind'], p + ('kind',), out)
        if 'source' in x:
            _casefile_406(x['source'], p + ('source',), out)
        if 'named' in x:
            _casefile_407(x['named'], p + ('named',), out)
        if 'outcome' in x:
            _casefile_408(x['outcome'], p + ('outcome',), out)
        if 'actions' in x:
            _casefile_409(x['actions'], p + ('actions',), out)
        for key in x:
            if key not in _C136:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('kind', 'source', 'named') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
        if 'actions' in x:
            for name in ('outcome',):
                if name not in x:
                    out.append((p, 'breaks the dependentRequired rule'))

def _casefile_405(x, p, out):
    if not _in(x, _C11, _C12):
        out.append((p, 'must be one of complaint, concern, anonymous, escrow'))

def _casefile_406(x, p, out):
    if not _in(x, _C13, _C14):
        out.append((p, 'must be one of email, dm, in-person, public-channel, proactive'))

def _casefile_407(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 0:
        out.append((p, 'breaks the minimum rule'))

def _casefile_408(x, p, out):
    if not _in(x, _C134, _C135):
        out.append((p, 'must be one of not-violation, out-of-scope, no-action, action'))

def _casefile_409(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _casefile_410(item, p + (index,), out)

def _casefile_410(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z][a-z-]*\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_411(x, p, out):
    if not _in(x, _C137, _C1):
        out.append((p, 'must be one of True'))

def _casefile_412(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _casefile_413(item, p + (index,), out)

def _casefile_413(x, p, out):
    _casefile_414_seal(x, p, out)

def _casefile_414_seal(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'id' in x:
            _casefile_415(x['id'], p + ('id',), out)
        if 'by' in x:
            _casefile_417(x['by'], p + ('by',), out)
        if 'at' in x:
            _casefile_418(x['at'], p + ('at',), out)
        if 'readers' in x:
            _casefile_419(x['readers'], p + ('readers',), out)
        if 'guests' in x:
            _casefile_420(x['guests'], p + ('guests',), out)
        if 'imported' in x:
            _casefile_421(x['imported'], p + ('imported',), out)
        if 'sealer' in x:
            _casefile_422(x['sealer'], p + ('sealer',), out)
        if 'sealed' in x:
            _casefile_423(x['sealed'], p + ('sealed',), out)
        if 'actors' in x:
            _casefile_424(x['actors'], p + ('actors',), out)
        if 'vouch' in x:
            _casefile_427(x['vouch'], p + ('vouch',), out)
        if 'sig' in x:
            _casefile_428(x['sig'], p + ('sig',), out)
        if 'age' in x:
            _casefile_429(x['age'], p + ('age',), out)
        for key in x:
            if key not in _C138:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('id', 'by', 'at', 'readers', 'sig', 'age') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
        if 'sealer' in x:
            for name in ('sealed',):
                if name not in x:
                    out.append((p, 'breaks the dependentRequired rule'))
        if 'sealed' in x:
            for name in ('sealer',):
                if name not in x:
                    out.append((p, 'breaks the dependentRequired rule'))
        if 'actors' in x:
            for name in ('vouch',):
                if name not in x:
                    out.append((p, 'breaks the dependentRequired rule'))
        if 'vouch' in x:
            for name in ('actors',):
                if name not in x:
                    out.append((p, 'breaks the dependentRequired rule'))

def _casefile_415(x, p, out):
    _casefile_416_id(x, p, out)

def _casefile_416_id(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_417(x, p, out):
    _casefile_395_handle(x, p, out)

def _casefile_418(x, p, out):
    _casefile_390_time(x, p, out)

def _casefile_419(x, p, out):
    _casefile_393_handles(x, p, out)

def _casefile_420(x, p, out):
    _casefile_393_handles(x, p, out)

def _casefile_421(x, p, out):
    if not _in(x, _C137, _C1):
        out.append((p, 'must be one of True'))

def _casefile_422(x, p, out):
    _casefile_395_handle(x, p, out)

def _casefile_423(x, p, out):
    _casefile_390_time(x, p, out)

def _casefile_424(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        for key in x:
            if key not in _C1:
                _casefile_425(x[key], p + (key,), out)
        if len(x) < 1:
            out.append((p, 'must not be empty'))
        for key in x:
            _casefile_426(key, p, out)

def _casefile_425(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^(ed25519:[A-Za-z0-9+/]{43})?\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_426(x, p, out):
    _casefile_395_handle(x, p, out)

def _casefile_427(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[A-Za-z0-9+/]{86}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_428(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[A-Za-z0-9+/]{86}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _casefile_429(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^-----BEGIN AGE ENCRYPTED FILE-----\\n[\\s\\S]*-----END AGE ENCRYPTED FILE-----\\n?\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_430(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'cocctl' in x:
            _committee_431(x['cocctl'], p + ('cocctl',), out)
        if 'members' in x:
            _committee_432(x['members'], p + ('members',), out)
        if 'changes' in x:
            _committee_451(x['changes'], p + ('changes',), out)
        for key in x:
            if key not in _C154:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('cocctl', 'members', 'changes') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_431(x, p, out):
    if not _in(x, _C132, _C1):
        out.append((p, 'must be one of 2'))

def _committee_432(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _committee_433(item, p + (index,), out)

def _committee_433(x, p, out):
    _committee_434_member(x, p, out)

def _committee_434_member(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'handle' in x:
            _committee_435(x['handle'], p + ('handle',), out)
        if 'name' in x:
            _committee_437(x['name'], p + ('name',), out)
        if 'email' in x:
            _committee_439(x['email'], p + ('email',), out)
        if 'recipient' in x:
            _committee_440(x['recipient'], p + ('recipient',), out)
        if 'roles' in x:
            _committee_442(x['roles'], p + ('roles',), out)
        if 'employer' in x:
            _committee_444(x['employer'], p + ('employer',), out)
        if 'joined' in x:
            _committee_445(x['joined'], p + ('joined',), out)
        if 'left' in x:
            _committee_447(x['left'], p + ('left',), out)
        if 'confirmed' in x:
            _committee_448(x['confirmed'], p + ('confirmed',), out)
        if 'signing' in x:
            _committee_449(x['signing'], p + ('signing',), out)
        for key in x:
            if key not in _C140:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('handle', 'recipient', 'joined') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_435(x, p, out):
    _committee_436_handle(x, p, out)

def _committee_436_handle(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z0-9][a-z0-9._-]{0,38}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_437(x, p, out):
    _committee_438_line(x, p, out)

def _committee_438_line(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, str) and len(x) > 500:
        out.append((p, 'is too long'))

def _committee_439(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[^@\\s]+@[^@\\s]+\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_440(x, p, out):
    _committee_441_memberRecipient(x, p, out)

def _committee_441_memberRecipient(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^(age1[02-9ac-hj-np-z]{58}|age1[a-z0-9._+-]{1,40}1[02-9ac-hj-np-z]{6,}|ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/]{48}|ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/]+={0,2})\\Z', x):
        out.append((p, 'is not in the expected format'))
    if isinstance(x, str) and len(x) > 2048:
        out.append((p, 'is too long'))

def _committee_442(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _committee_443(item, p + (index,), out)

def _committee_443(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z][a-z0-9-]*\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_444(x, p, out):
    _committee_438_line(x, p, out)

def _committee_445(x, p, out):
    _committee_446_time(x, p, out)

def _committee_446_time(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_447(x, p, out):
    _committee_446_time(x, p, out)

def _committee_448(x, p, out):
    _committee_446_time(x, p, out)

def _committee_449(x, p, out):
    _committee_450_signing(x, p, out)

def _committee_450_signing(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^ed25519:[A-Za-z0-9+/]{43}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_451(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _committee_452(item, p + (index,), out)

def _committee_452(x, p, out):
    _committee_453_change(x, p, out)

def _committee_453_change(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'id' in x:
            _committee_454(x['id'], p + ('id',), out)
        if 'at' in x:
            _committee_456(x['at'], p + ('at',), out)
        if 'by' in x:
            _committee_457(x['by'], p + ('by',), out)
        if 'after' in x:
            _committee_458(x['after'], p + ('after',), out)
        if 'change' in x:
            _committee_461(x['change'], p + ('change',), out)
        if 'member' in x:
            _committee_462(x['member'], p + ('member',), out)
        if 'config' in x:
            _committee_474(x['config'], p + ('config',), out)
        if 'sig' in x:
            _committee_475(x['sig'], p + ('sig',), out)
        if 'removal' in x:
            _committee_477(x['removal'], p + ('removal',), out)
        if 'approves' in x:
            _committee_478(x['approves'], p + ('approves',), out)
        for key in x:
            if key not in _C145:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('id', 'at', 'by', 'after', 'change', 'sig') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
    _committee_479(x, p, out)
    _committee_499(x, p, out)
    _committee_504(x, p, out)

def _committee_454(x, p, out):
    _committee_455_id(x, p, out)

def _committee_455_id(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_456(x, p, out):
    _committee_446_time(x, p, out)

def _committee_457(x, p, out):
    _committee_436_handle(x, p, out)

def _committee_458(x, p, out):
    checks = (_committee_459, _committee_460,)
    found = []
    for index, check in enumerate(checks):
        errors = []
        check(x, p, errors)
        if not errors:
            for other in checks[index + 1:]:
                errors = []
                other(x, p, errors)
                if not errors:
                    out.append((p, 'breaks the oneOf rule'))
                    break
            break
        found += errors
    else:
        out += found

def _committee_459(x, p, out):
    if not (x is None):
        out.append((p, 'must be of type null'))

def _committee_460(x, p, out):
    _committee_455_id(x, p, out)

def _committee_461(x, p, out):
    if not _in(x, _C141, _C142):
        out.append((p, 'must be one of add, remove, rotate-key, update, config, approve'))

def _committee_462(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'handle' in x:
            _committee_463(x['handle'], p + ('handle',), out)
        if 'recipient' in x:
            _committee_464(x['recipient'], p + ('recipient',), out)
        if 'signing' in x:
            _committee_465(x['signing'], p + ('signing',), out)
        if 'name' in x:
            _committee_466(x['name'], p + ('name',), out)
        if 'email' in x:
            _committee_467(x['email'], p + ('email',), out)
        if 'roles' in x:
            _committee_468(x['roles'], p + ('roles',), out)
        if 'employer' in x:
            _committee_470(x['employer'], p + ('employer',), out)
        if 'confirmed' in x:
            _committee_471(x['confirmed'], p + ('confirmed',), out)
        if 'joined' in x:
            _committee_472(x['joined'], p + ('joined',), out)
        if 'left' in x:
            _committee_473(x['left'], p + ('left',), out)
        for key in x:
            if key not in _C140:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('handle',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_463(x, p, out):
    _committee_436_handle(x, p, out)

def _committee_464(x, p, out):
    _committee_441_memberRecipient(x, p, out)

def _committee_465(x, p, out):
    _committee_450_signing(x, p, out)

def _committee_466(x, p, out):
    _committee_438_line(x, p, out)

def _committee_467(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[^@\\s]+@[^@\\s]+\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_468(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _committee_469(item, p + (index,), out)

def _committee_469(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z][a-z0-9-]*\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_470(x, p, out):
    _committee_438_line(x, p, out)

def _committee_471(x, p, out):
    if not _in(x, _C137, _C1):
        out.append((p, 'must be one of True'))

def _committee_472(x, p, out):
    _committee_446_time(x, p, out)

def _committee_473(x, p, out):
    _committee_446_time(x, p, out)

def _committee_474(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9a-f]{64}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_475(x, p, out):
    _committee_476_signature(x, p, out)

def _committee_476_signature(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[A-Za-z0-9+/]{86}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _committee_477(x, p, out):
    if not _in(x, _C143, _C144):
        out.append((p, 'must be one of single, majority'))

def _committee_478(x, p, out):
    _committee_455_id(x, p, out)

def _committee_479(x, p, out):
    errors = []
    _committee_480(x, p, errors)
    if not errors:
        _committee_482(x, p, out)
    else:
        _committee_486(x, p, out)

def _committee_480(x, p, out):
    if isinstance(x, dict):
        if 'change' in x:
            _committee_481(x['change'], p + ('change',), out)

def _committee_481(x, p, out):
    if not _in(x, _C146, _C147):
        out.append((p, 'must be one of config'))

def _committee_482(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('config',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
    errors = []
    _committee_483(x, p, errors)
    if not errors:
        out.append((p, 'has a field that is not allowed here (an anonymous report keeps no reporter)'))

def _committee_483(x, p, out):
    found = []
    for check in (_committee_484, _committee_485,):
        errors = []
        check(x, p, errors)
        if not errors:
            break
        found += errors
    else:
        out += found

def _committee_484(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('member',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_485(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('approves',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_486(x, p, out):
    errors = []
    _committee_487(x, p, errors)
    if not errors:
        _committee_489(x, p, out)
    else:
        _committee_494(x, p, out)

def _committee_487(x, p, out):
    if isinstance(x, dict):
        if 'change' in x:
            _committee_488(x['change'], p + ('change',), out)

def _committee_488(x, p, out):
    if not _in(x, _C148, _C149):
        out.append((p, 'must be one of approve'))

def _committee_489(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('approves',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
    errors = []
    _committee_490(x, p, errors)
    if not errors:
        out.append((p, 'has a field that is not allowed here (an anonymous report keeps no reporter)'))

def _committee_490(x, p, out):
    found = []
    for check in (_committee_491, _committee_492, _committee_493,):
        errors = []
        check(x, p, errors)
        if not errors:
            break
        found += errors
    else:
        out += found

def _committee_491(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('member',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_492(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('config',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_493(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('removal',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_494(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('member',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))
    errors = []
    _committee_495(x, p, errors)
    if not errors:
        out.append((p, 'has a field that is not allowed here (an anonymous report keeps no reporter)'))

def _committee_495(x, p, out):
    found = []
    for check in (_committee_496, _committee_497, _committee_498,):
        errors = []
        check(x, p, errors)
        if not errors:
            break
        found += errors
    else:
        out += found

def _committee_496(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('config',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_497(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('approves',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_498(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('removal',) if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_499(x, p, out):
    errors = []
    _committee_500(x, p, errors)
    if not errors:
        _committee_502(x, p, out)

def _committee_500(x, p, out):
    if isinstance(x, dict):
        if 'change' in x:
            _committee_501(x['change'], p + ('change',), out)

def _committee_501(x, p, out):
    if not _in(x, _C150, _C151):
        out.append((p, 'must be one of rotate-key'))

def _committee_502(x, p, out):
    if isinstance(x, dict):
        if 'member' in x:
            _committee_503(x['member'], p + ('member',), out)

def _committee_503(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('handle', 'recipient', 'signing') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _committee_504(x, p, out):
    errors = []
    _committee_505(x, p, errors)
    if not errors:
        _committee_507(x, p, out)

def _committee_505(x, p, out):
    if isinstance(x, dict):
        if 'change' in x:
            _committee_506(x['change'], p + ('change',), out)

def _committee_506(x, p, out):
    if not _in(x, _C152, _C153):
        out.append((p, 'must be one of add'))

def _committee_507(x, p, out):
    if isinstance(x, dict):
        if 'member' in x:
            _committee_508(x['member'], p + ('member',), out)

def _committee_508(x, p, out):
    if isinstance(x, dict):
        missing = [name for name in ('handle', 'recipient') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _config_509(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'cocctl' in x:
            _config_510(x['cocctl'], p + ('cocctl',), out)
        if 'community' in x:
            _config_511(x['community'], p + ('community',), out)
        if 'preset' in x:
            _config_512(x['preset'], p + ('preset',), out)
        if 'policy' in x:
            _config_513(x['policy'], p + ('policy',), out)
        for key in x:
            if key not in _C157:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('cocctl', 'community', 'preset') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _config_510(x, p, out):
    if not _in(x, _C0, _C1):
        out.append((p, 'must be one of 1'))

def _config_511(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, str) and len(x) > 200:
        out.append((p, 'is too long'))

def _config_512(x, p, out):
    if not _in(x, _C155, _C156):
        out.append((p, 'must be one of rls, sse, enginexp, kubernetes, chaoss, django, contributor-covenant'))

def _config_513(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))

def _envelope_514(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'cocctl' in x:
            _envelope_515(x['cocctl'], p + ('cocctl',), out)
        if 'case' in x:
            _envelope_516(x['case'], p + ('case',), out)
        if 'status' in x:
            _envelope_518(x['status'], p + ('status',), out)
        if 'opened' in x:
            _envelope_519(x['opened'], p + ('opened',), out)
        if 'updated' in x:
            _envelope_521(x['updated'], p + ('updated',), out)
        if 'recipients' in x:
            _envelope_522(x['recipients'], p + ('recipients',), out)
        if 'guests' in x:
            _envelope_525(x['guests'], p + ('guests',), out)
        if 'people' in x:
            _envelope_527(x['people'], p + ('people',), out)
        if 'due' in x:
            _envelope_529(x['due'], p + ('due',), out)
        if 'payload' in x:
            _envelope_533(x['payload'], p + ('payload',), out)
        for key in x:
            if key not in _C158:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('cocctl', 'case', 'status', 'opened', 'updated', 'recipients', 'payload') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _envelope_515(x, p, out):
    if not _in(x, _C0, _C1):
        out.append((p, 'must be one of 1'))

def _envelope_516(x, p, out):
    _envelope_517_caseId(x, p, out)

def _envelope_517_caseId(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9]{4}-[a-z]+-[a-z]+\\Z', x):
        out.append((p, 'is not in the expected format'))

def _envelope_518(x, p, out):
    if not _in(x, _C2, _C3):
        out.append((p, 'must be one of open, escrowed, closed'))

def _envelope_519(x, p, out):
    _envelope_520_time(x, p, out)

def _envelope_520_time(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\\Z', x):
        out.append((p, 'is not in the expected format'))

def _envelope_521(x, p, out):
    _envelope_520_time(x, p, out)

def _envelope_522(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _envelope_523(item, p + (index,), out)

def _envelope_523(x, p, out):
    _envelope_524_handle(x, p, out)

def _envelope_524_handle(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z0-9][a-z0-9._-]{0,38}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _envelope_525(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _envelope_526(item, p + (index,), out)

def _envelope_526(x, p, out):
    _envelope_524_handle(x, p, out)

def _envelope_527(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and not _unique(x):
        out.append((p, 'has duplicate entries'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _envelope_528(item, p + (index,), out)

def _envelope_528(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9a-f]{32}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _envelope_529(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _envelope_530(item, p + (index,), out)

def _envelope_530(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'kind' in x:
            _envelope_531(x['kind'], p + ('kind',), out)
        if 'at' in x:
            _envelope_532(x['at'], p + ('at',), out)
        for key in x:
            if key not in _C133:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('kind', 'at') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _envelope_531(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z-]+\\Z', x):
        out.append((p, 'is not in the expected format'))

def _envelope_532(x, p, out):
    _envelope_520_time(x, p, out)

def _envelope_533(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^-----BEGIN AGE ENCRYPTED FILE-----\\n[\\s\\S]*-----END AGE ENCRYPTED FILE-----\\n?\\Z', x):
        out.append((p, 'is not in the expected format'))

def _policy_534(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'description' in x:
            _policy_535(x['description'], p + ('description',), out)
        if 'access' in x:
            _policy_536(x['access'], p + ('access',), out)
        if 'require_signed_commits' in x:
            _policy_537(x['require_signed_commits'], p + ('require_signed_commits',), out)
        if 'timezone' in x:
            _policy_538(x['timezone'], p + ('timezone',), out)
        if 'decisions' in x:
            _policy_539(x['decisions'], p + ('decisions',), out)
        if 'strikes' in x:
            _policy_554(x['strikes'], p + ('strikes',), out)
        if 'appeals' in x:
            _policy_561(x['appeals'], p + ('appeals',), out)
        if 'interim' in x:
            _policy_566(x['interim'], p + ('interim',), out)
        if 'consequences' in x:
            _policy_572(x['consequences'], p + ('consequences',), out)
        if 'owners' in x:
            _policy_573(x['owners'], p + ('owners',), out)
        if 'expiring_soon' in x:
            _policy_576(x['expiring_soon'], p + ('expiring_soon',), out)
        if 'deadlines' in x:
            _policy_577(x['deadlines'], p + ('deadlines',), out)
        if 'roster' in x:
            _policy_583(x['roster'], p + ('roster',), out)
        if 'member_removal' in x:
            _policy_586(x['member_removal'], p + ('member_removal',), out)
        if 'evidence' in x:
            _policy_587(x['evidence'], p + ('evidence',), out)
        if 'retention' in x:
            _policy_589(x['retention'], p + ('retention',), out)
        if 'law_enforcement' in x:
            _policy_594(x['law_enforcement'], p + ('law_enforcement',), out)
        if 'public_channel' in x:
            _policy_595(x['public_channel'], p + ('public_channel',), out)
        if 'accused_first' in x:
            _policy_596(x['accused_first'], p + ('accused_first',), out)
        if 'reapply' in x:
            _policy_597(x['reapply'], p + ('reapply',), out)
        for key in x:
            if key not in _C181:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_535(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))

def _policy_536(x, p, out):
    if not _in(x, _C159, _C160):
        out.append((p, 'must be one of committee, cleared'))

def _policy_537(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _policy_538(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and len(x) < 1:
        out.append((p, 'must not be empty'))

def _policy_539(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        for key in x:
            if key not in _C1:
                _policy_540(x[key], p + (key,), out)
        for key in x:
            _policy_553(key, p, out)

def _policy_540(x, p, out):
    _policy_541_rule(x, p, out)

def _policy_541_rule(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'rule' in x:
            _policy_542(x['rule'], p + ('rule',), out)
        if 'basis' in x:
            _policy_543(x['basis'], p + ('basis',), out)
        if 'quorum' in x:
            _policy_544(x['quorum'], p + ('quorum',), out)
        if 'exclude_roles' in x:
            _policy_547(x['exclude_roles'], p + ('exclude_roles',), out)
        if 'voter_roles' in x:
            _policy_549(x['voter_roles'], p + ('voter_roles',), out)
        if 'tie_breaker' in x:
            _policy_551(x['tie_breaker'], p + ('tie_breaker',), out)
        if 'fallback' in x:
            _policy_552(x['fallback'], p + ('fallback',), out)
        for key in x:
            if key not in _C169:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_542(x, p, out):
    if not _in(x, _C161, _C162):
        out.append((p, 'must be one of single, majority, two-thirds, unanimous'))

def _policy_543(x, p, out):
    if not _in(x, _C163, _C164):
        out.append((p, 'must be one of cast, present, eligible'))

def _policy_544(x, p, out):
    found = []
    for check in (_policy_545, _policy_546,):
        errors = []
        check(x, p, errors)
        if not errors:
            break
        found += errors
    else:
        out += found

def _policy_545(x, p, out):
    if not _in(x, _C165, _C166):
        out.append((p, 'must be one of all, majority'))

def _policy_546(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _policy_547(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _policy_548(item, p + (index,), out)

def _policy_548(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))

def _policy_549(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _policy_550(item, p + (index,), out)

def _policy_550(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))

def _policy_551(x, p, out):
    if not (isinstance(x, str) or x is None):
        out.append((p, "must be of type ['string', 'null']"))

def _policy_552(x, p, out):
    if not _in(x, _C167, _C168):
        out.append((p, 'must be one of majority, two-thirds, None'))

def _policy_553(x, p, out):
    if isinstance(x, str) and not _search('^[a-z][a-z0-9-]*\\Z', x):
        out.append((p, 'is not in the expected format'))

def _policy_554(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'threshold' in x:
            _policy_555(x['threshold'], p + ('threshold',), out)
        if 'expire' in x:
            _policy_556(x['expire'], p + ('expire',), out)
        if 'requires' in x:
            _policy_558(x['requires'], p + ('requires',), out)
        for key in x:
            if key not in _C170:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_555(x, p, out):
    if not (_is_integer(x) or x is None):
        out.append((p, "must be of type ['integer', 'null']"))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _policy_556(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_557_duration(x, p, out):
    if not (isinstance(x, str) or x is None):
        out.append((p, "must be of type ['string', 'null']"))

def _policy_558(x, p, out):
    _policy_559_ids(x, p, out)

def _policy_559_ids(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _policy_560(item, p + (index,), out)

def _policy_560(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[a-z][a-z0-9-]*\\Z', x):
        out.append((p, 'is not in the expected format'))

def _policy_561(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'allowed' in x:
            _policy_562(x['allowed'], p + ('allowed',), out)
        if 'opens_after' in x:
            _policy_563(x['opens_after'], p + ('opens_after',), out)
        if 'closes_after' in x:
            _policy_564(x['closes_after'], p + ('closes_after',), out)
        if 'of' in x:
            _policy_565(x['of'], p + ('of',), out)
        for key in x:
            if key not in _C171:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_562(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _policy_563(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_564(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_565(x, p, out):
    _policy_559_ids(x, p, out)

def _policy_566(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'allowed' in x:
            _policy_567(x['allowed'], p + ('allowed',), out)
        if 'consequences' in x:
            _policy_568(x['consequences'], p + ('consequences',), out)
        if 'kinds' in x:
            _policy_569(x['kinds'], p + ('kinds',), out)
        if 'until_resolved' in x:
            _policy_571(x['until_resolved'], p + ('until_resolved',), out)
        for key in x:
            if key not in _C172:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_567(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _policy_568(x, p, out):
    _policy_559_ids(x, p, out)

def _policy_569(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _policy_570(item, p + (index,), out)

def _policy_570(x, p, out):
    if not _in(x, _C11, _C12):
        out.append((p, 'must be one of complaint, concern, anonymous, escrow'))

def _policy_571(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _policy_572(x, p, out):
    _policy_559_ids(x, p, out)

def _policy_573(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'primary' in x:
            _policy_574(x['primary'], p + ('primary',), out)
        if 'secondary' in x:
            _policy_575(x['secondary'], p + ('secondary',), out)
        for key in x:
            if key not in _C25:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_574(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _policy_575(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _policy_576(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_577(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'first_response' in x:
            _policy_578(x['first_response'], p + ('first_response',), out)
        if 'decision' in x:
            _policy_579(x['decision'], p + ('decision',), out)
        if 'reporter_update' in x:
            _policy_580(x['reporter_update'], p + ('reporter_update',), out)
        if 'reporter_outcome' in x:
            _policy_581(x['reporter_outcome'], p + ('reporter_outcome',), out)
        if 'member_confirmation' in x:
            _policy_582(x['member_confirmation'], p + ('member_confirmation',), out)
        for key in x:
            if key not in _C173:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_578(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_579(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_580(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_581(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_582(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_583(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'watch' in x:
            _policy_584(x['watch'], p + ('watch',), out)
        if 'max_employer_share' in x:
            _policy_585(x['max_employer_share'], p + ('max_employer_share',), out)
        for key in x:
            if key not in _C174:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_584(x, p, out):
    if not (_is_integer(x) or x is None):
        out.append((p, "must be of type ['integer', 'null']"))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))

def _policy_585(x, p, out):
    if not (_is_number(x) or x is None):
        out.append((p, "must be of type ['number', 'null']"))
    if _is_number(x) and x > 1:
        out.append((p, 'breaks the maximum rule'))
    if _is_number(x) and x <= 0:
        out.append((p, 'breaks the exclusiveMinimum rule'))

def _policy_586(x, p, out):
    if not _in(x, _C143, _C144):
        out.append((p, 'must be one of single, majority'))

def _policy_587(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'max_mib' in x:
            _policy_588(x['max_mib'], p + ('max_mib',), out)
        for key in x:
            if key not in _C175:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_588(x, p, out):
    if not (_is_integer(x)):
        out.append((p, 'must be of type integer'))
    if _is_number(x) and x < 1:
        out.append((p, 'breaks the minimum rule'))
    if _is_number(x) and x > 64:
        out.append((p, 'breaks the maximum rule'))

def _policy_589(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'not_violation' in x:
            _policy_590(x['not_violation'], p + ('not_violation',), out)
        if 'concern' in x:
            _policy_591(x['concern'], p + ('concern',), out)
        if 'resolved' in x:
            _policy_592(x['resolved'], p + ('resolved',), out)
        if 'after_sanction' in x:
            _policy_593(x['after_sanction'], p + ('after_sanction',), out)
        for key in x:
            if key not in _C176:
                out.append((p, 'has fields this format does not allow'))
                break

def _policy_590(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_591(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_592(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_593(x, p, out):
    _policy_557_duration(x, p, out)

def _policy_594(x, p, out):
    if not _in(x, _C177, _C178):
        out.append((p, 'must be one of any, reporter-request'))

def _policy_595(x, p, out):
    if not _in(x, _C179, _C180):
        out.append((p, 'must be one of free, consult'))

def _policy_596(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _policy_597(x, p, out):
    if not (isinstance(x, bool)):
        out.append((p, 'must be of type boolean'))

def _case_598(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'cocctl' in x:
            _case_599(x['cocctl'], p + ('cocctl',), out)
        if 'case' in x:
            _case_600(x['case'], p + ('case',), out)
        if 'status' in x:
            _case_601(x['status'], p + ('status',), out)
        if 'opened' in x:
            _case_602(x['opened'], p + ('opened',), out)
        if 'updated' in x:
            _case_603(x['updated'], p + ('updated',), out)
        if 'events' in x:
            _case_604(x['events'], p + ('events',), out)
        for key in x:
            if key not in _C131:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('cocctl', 'case', 'status', 'opened', 'updated', 'events') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_599(x, p, out):
    if not _in(x, _C0, _C1):
        out.append((p, 'must be one of 1'))

def _case_600(x, p, out):
    _case_3_caseId(x, p, out)

def _case_601(x, p, out):
    if not _in(x, _C2, _C3):
        out.append((p, 'must be one of open, escrowed, closed'))

def _case_602(x, p, out):
    _case_6_time(x, p, out)

def _case_603(x, p, out):
    _case_6_time(x, p, out)

def _case_604(x, p, out):
    if not (isinstance(x, list)):
        out.append((p, 'must be of type array'))
    if isinstance(x, list) and len(x) < 1:
        out.append((p, 'must not be empty'))
    if isinstance(x, list):
        for index, item in enumerate(x):
            _case_605(item, p + (index,), out)

def _case_605(x, p, out):
    _case_606_event(x, p, out)

def _case_606_event(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))
    if isinstance(x, dict):
        if 'id' in x:
            _case_607(x['id'], p + ('id',), out)
        if 'at' in x:
            _case_608(x['at'], p + ('at',), out)
        if 'by' in x:
            _case_609(x['by'], p + ('by',), out)
        if 'type' in x:
            _case_612(x['type'], p + ('type',), out)
        if 'data' in x:
            _case_613(x['data'], p + ('data',), out)
        for key in x:
            if key not in _C8:
                out.append((p, 'has fields this format does not allow'))
                break
        missing = [name for name in ('id', 'at', 'by', 'type', 'data') if name not in x]
        if missing:
            out.append((p, 'missing required field ' + ', '.join(missing)))

def _case_607(x, p, out):
    if not (isinstance(x, str)):
        out.append((p, 'must be of type string'))
    if isinstance(x, str) and not _search('^[0-9A-HJKMNP-TV-Z]{26}\\Z', x):
        out.append((p, 'is not in the expected format'))

def _case_608(x, p, out):
    _case_6_time(x, p, out)

def _case_609(x, p, out):
    found = []
    for check in (_case_610, _case_611,):
        errors = []
        check(x, p, errors)
        if not errors:
            break
        found += errors
    else:
        out += found

def _case_610(x, p, out):
    _case_15_handle(x, p, out)

def _case_611(x, p, out):
    if not _in(x, _C4, _C5):
        out.append((p, 'must be one of system'))

def _case_612(x, p, out):
    if not _in(x, _C6, _C7):
        out.append((p, 'must be one of amended, assigned, cleared, closed, communicated, contact, evidence, excluded, exported, granted, note, opened, recused, reopened, revoked, proposed, voted, decided, confirmed, lifted, superseded, appealed, appeal-decided, released, reporter-involvement, searching, law-enforcement, content-removed, conversation, consulted, plan-response'))

def _case_613(x, p, out):
    if not (isinstance(x, dict)):
        out.append((p, 'must be of type object'))

# Each schema's root, by schema name.
ROOTS = {
    'case': _case_0,
    'casefile': _casefile_384,
    'committee': _committee_430,
    'config': _config_509,
    'envelope': _envelope_514,
    'policy': _policy_534,
}

# Each schema's $defs entries, by (schema name, definition).
DEFINITIONS = {
    ('case', 'time'): _case_6_time,
    ('case', 'handle'): _case_15_handle,
    ('case', 'caseId'): _case_3_caseId,
    ('case', 'recipient'): _case_142_recipient,
    ('case', 'text'): _case_27_text,
    ('case', 'line'): _case_29_line,
    ('case', 'reporter'): _case_38_reporter,
    ('case', 'consequence'): _case_214_consequence,
    ('case', 'event'): _case_10_event,
    ('case', 'data_amended'): _case_24_data_amended,
    ('case', 'data_assigned'): _case_65_data_assigned,
    ('case', 'data_cleared'): _case_73_data_cleared,
    ('case', 'data_closed'): _case_81_data_closed,
    ('case', 'data_communicated'): _case_92_data_communicated,
    ('case', 'data_contact'): _case_101_data_contact,
    ('case', 'data_evidence'): _case_109_data_evidence,
    ('case', 'data_excluded'): _case_122_data_excluded,
    ('case', 'data_exported'): _case_129_data_exported,
    ('case', 'data_granted'): _case_139_data_granted,
    ('case', 'data_note'): _case_149_data_note,
    ('case', 'data_opened'): _case_156_data_opened,
    ('case', 'data_recused'): _case_186_data_recused,
    ('case', 'data_reopened'): _case_195_data_reopened,
    ('case', 'data_revoked'): _case_202_data_revoked,
    ('case', 'data_proposed'): _case_209_data_proposed,
    ('case', 'data_voted'): _case_230_data_voted,
    ('case', 'data_decided'): _case_240_data_decided,
    ('case', 'data_confirmed'): _case_268_data_confirmed,
    ('case', 'data_lifted'): _case_278_data_lifted,
    ('case', 'data_superseded'): _case_288_data_superseded,
    ('case', 'data_appealed'): _case_298_data_appealed,
    ('case', 'data_appeal-decided'): _case_309_data_appeal_decided,
    ('case', 'data_released'): _case_320_data_released,
    ('case', 'data_reporter-involvement'): _case_329_data_reporter_involvement,
    ('case', 'data_searching'): _case_337_data_searching,
    ('case', 'data_law-enforcement'): _case_344_data_law_enforcement,
    ('case', 'data_content-removed'): _case_352_data_content_removed,
    ('case', 'data_conversation'): _case_360_data_conversation,
    ('case', 'data_consulted'): _case_370_data_consulted,
    ('case', 'data_plan-response'): _case_378_data_plan_response,
    ('casefile', 'time'): _casefile_390_time,
    ('casefile', 'handle'): _casefile_395_handle,
    ('casefile', 'caseId'): _casefile_387_caseId,
    ('casefile', 'handles'): _casefile_393_handles,
    ('casefile', 'id'): _casefile_416_id,
    ('casefile', 'seal'): _casefile_414_seal,
    ('committee', 'time'): _committee_446_time,
    ('committee', 'handle'): _committee_436_handle,
    ('committee', 'line'): _committee_438_line,
    ('committee', 'member'): _committee_434_member,
    ('committee', 'signing'): _committee_450_signing,
    ('committee', 'signature'): _committee_476_signature,
    ('committee', 'id'): _committee_455_id,
    ('committee', 'change'): _committee_453_change,
    ('committee', 'memberRecipient'): _committee_441_memberRecipient,
    ('envelope', 'time'): _envelope_520_time,
    ('envelope', 'handle'): _envelope_524_handle,
    ('envelope', 'caseId'): _envelope_517_caseId,
    ('policy', 'rule'): _policy_541_rule,
    ('policy', 'duration'): _policy_557_duration,
    ('policy', 'ids'): _policy_559_ids,
}

# The case document without each event's data rules, and each event type's data rules.
CASE_FRAME = _case_598
CASE_EVENT_DATA = {
    'amended': _case_24_data_amended,
    'assigned': _case_65_data_assigned,
    'cleared': _case_73_data_cleared,
    'closed': _case_81_data_closed,
    'communicated': _case_92_data_communicated,
    'contact': _case_101_data_contact,
    'evidence': _case_109_data_evidence,
    'excluded': _case_122_data_excluded,
    'exported': _case_129_data_exported,
    'granted': _case_139_data_granted,
    'note': _case_149_data_note,
    'opened': _case_156_data_opened,
    'recused': _case_186_data_recused,
    'reopened': _case_195_data_reopened,
    'revoked': _case_202_data_revoked,
    'proposed': _case_209_data_proposed,
    'voted': _case_230_data_voted,
    'decided': _case_240_data_decided,
    'confirmed': _case_268_data_confirmed,
    'lifted': _case_278_data_lifted,
    'superseded': _case_288_data_superseded,
    'appealed': _case_298_data_appealed,
    'appeal-decided': _case_309_data_appeal_decided,
    'released': _case_320_data_released,
    'reporter-involvement': _case_329_data_reporter_involvement,
    'searching': _case_337_data_searching,
    'law-enforcement': _case_344_data_law_enforcement,
    'content-removed': _case_352_data_content_removed,
    'conversation': _case_360_data_conversation,
    'consulted': _case_370_data_consulted,
    'plan-response': _case_378_data_plan_response,
}
