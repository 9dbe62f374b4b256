"""Timeline evidence: files every incident leaves with timestamps (chat
exports, shell history, logs, git and Kubernetes output) read into events
that keep their source."""
