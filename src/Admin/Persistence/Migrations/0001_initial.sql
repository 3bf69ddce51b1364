CREATE TABLE agents (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    published_version BIGINT NULL
);

CREATE TABLE agent_versions (
    agent_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    state TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    published_at BIGINT NULL,
    row_version BIGINT NOT NULL,
    PRIMARY KEY (agent_id, version)
);

CREATE TABLE routes (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    priority BIGINT NOT NULL,
    enabled {{Boolean}} NOT NULL,
    body TEXT NOT NULL,
    row_version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX ix_routes_priority ON routes (priority, id);

CREATE TABLE trunks (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    username TEXT NULL,
    password TEXT NULL,
    body TEXT NOT NULL,
    row_version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE queues (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    row_version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE calls (
    id {{AutoIncrementPrimaryKey}},
    call_id TEXT NOT NULL UNIQUE,
    direction TEXT NOT NULL,
    from_number TEXT NOT NULL,
    to_number TEXT NOT NULL,
    trunk_id TEXT NULL,
    agent_id TEXT NULL,
    agent_version BIGINT NULL,
    queue_id TEXT NULL,
    route_id TEXT NULL,
    route_reason TEXT NULL,
    started_at BIGINT NOT NULL,
    answered_at BIGINT NULL,
    ended_at BIGINT NULL,
    outcome TEXT NOT NULL,
    sip_status BIGINT NULL,
    end_reason TEXT NULL,
    mos {{Double}} NULL,
    loss_percent {{Double}} NULL,
    jitter_ms {{Double}} NULL,
    recording_path TEXT NULL
);

CREATE INDEX ix_calls_started ON calls (started_at, id);
CREATE INDEX ix_calls_agent_started ON calls (agent_id, started_at);
CREATE INDEX ix_calls_trunk_started ON calls (trunk_id, started_at);
CREATE INDEX ix_calls_outcome_started ON calls (outcome, started_at);

CREATE TABLE call_events (
    call_id TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    at BIGINT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (call_id, sequence)
);

CREATE TABLE transcripts (
    call_id TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    at BIGINT NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    final {{Boolean}} NOT NULL,
    PRIMARY KEY (call_id, sequence)
);

CREATE TABLE api_keys (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT NULL
);

CREATE INDEX ix_api_keys_created ON api_keys (created_at);
