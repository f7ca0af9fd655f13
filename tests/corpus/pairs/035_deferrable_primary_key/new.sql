-- 035_deferrable_primary_key: a primary key becomes DEFERRABLE INITIALLY DEFERRED so lines can be renumbered.
-- This file is the state after the change.
CREATE TABLE playlists (
    playlist_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE playlist_tracks (
    playlist_id bigint NOT NULL REFERENCES playlists (playlist_id) ON DELETE CASCADE,
    position    integer NOT NULL,
    track_uri   text NOT NULL,
    CONSTRAINT playlist_tracks_pkey PRIMARY KEY (playlist_id, position) DEFERRABLE INITIALLY DEFERRED
);
