"""A stem cell: the first process of a container started before its function is known.

Asks the agent what to run (GET /2018-06-01/hearth/stem on the Runtime API; the answer comes when
an invocation claims the container), then takes the function's environment and folder and runs
its runtime: the Python runtime in this interpreter, which has loaded it already, any other by
executing its command.
"""
import json
import os
import sys

# The Python runtime, loaded before any function is known. What it reads from the environment when
# loaded (the Runtime API's address, the credential file) is the stem cell's already: the agent
# starts a stem cell per trust level and sets those itself.
sys.path[0] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "python3")
import bootstrap  # noqa: E402


def main():
    api = bootstrap.RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])
    response, body = api.call("GET", "/stem", prefix="/2018-06-01/hearth")
    if response.status != 200:
        sys.exit("hearth: the agent did not stage this container (%d)" % response.status)
    config = json.loads(body)
    environment = config["environment"]
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(config["root"])
    command = config["command"]
    if config["inProcess"]:
        sys.argv = [command[-1]]
        bootstrap.main(api)  # on the connection this stem cell opened
    else:
        os.execve(command[0], command, environment)


if __name__ == "__main__":
    main()
