// PLACEHOLDER: being written this session.
