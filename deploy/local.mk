# deploy: targets added by this folder
