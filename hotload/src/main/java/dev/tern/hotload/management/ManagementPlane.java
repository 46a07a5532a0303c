package dev.tern.hotload.management;

import dev.tern.hotload.ModuleInfo;
import dev.tern.hotload.ModuleListener;
import dev.tern.hotload.ModuleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a module manager as MXBeans under one naming scheme:
 *
 * <ul>
 * <li>{@code tern:type=Modules}: list, install, start, stop, upgrade, rollback;
 * <li>{@code tern:type=Module,name=<name>}: one per installed module, added and removed with it;
 * <li>{@code tern:type=Processes}: the kernel's processes, with the module owning each;
 * <li>{@code tern:type=ModuleBean,module=<module>,name=<name>}: the modules' own MBeans.
 * </ul>
 *
 * Remote access goes through {@link JolokiaEndpoint}; this class starts no JMX connector.
 */
public final class ManagementPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementPlane.class);

    /** {@code tern:type=Modules}. */
    public static final ObjectName MODULES = name("tern:type=Modules");

    /** {@code tern:type=Processes}. */
    public static final ObjectName PROCESSES = name("tern:type=Processes");

    private final ModuleManager<?> manager;
    private final MBeanServer server;
    private final Map<String, ObjectName> moduleBeans = new ConcurrentHashMap<>();
    private final ModuleListener listener = new ModuleListener() {
        @Override
        public void installed(String module) {
            registerModule(module);
        }

        @Override
        public void uninstalled(String module) {
            unregister(moduleBeans.remove(module));
        }
    };

    private ManagementPlane(ModuleManager<?> manager, MBeanServer server) {
        this.manager = manager;
        this.server = server;
    }

    /**
     * Registers the MXBeans of {@code manager} in {@code server}.
     *
     * @throws JMException when a name is already registered, e.g. by a second plane in the same server
     */
    public static ManagementPlane register(ModuleManager<?> manager, MBeanServer server) throws JMException {
        ManagementPlane plane = new ManagementPlane(manager, server);
        server.registerMBean(new ModulesBean(manager), MODULES);
        try {
            server.registerMBean(new ProcessesBean(manager), PROCESSES);
        } catch (JMException e) {
            plane.unregister(MODULES);
            throw e;
        }
        manager.addListener(plane.listener);
        List<ModuleInfo> installed = manager.list();
        installed.forEach(info -> plane.registerModule(info.name()));
        return plane;
    }

    /** Returns {@code tern:type=Module,name=<module>}. */
    public static ObjectName moduleName(String module) {
        return name("tern:type=Module,name=" + module);
    }

    private void registerModule(String module) {
        ObjectName name = moduleName(module);
        try {
            server.registerMBean(new ModuleBean(manager, module), name);
            moduleBeans.put(module, name);
        } catch (JMException e) {
            LOG.atError().addKeyValue("module", module).setCause(e).log("Registering MBean '{}' failed", name);
        }
    }

    private void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Already gone: the goal of this call.
        } catch (JMException e) {
            LOG.atWarn().setCause(e).log("Unregistering MBean '{}' failed", name);
        }
    }

    /** Unregisters every MBean this plane registered. */
    @Override
    public void close() {
        manager.removeListener(listener);
        moduleBeans.values().forEach(this::unregister);
        moduleBeans.clear();
        unregister(PROCESSES);
        unregister(MODULES);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Invalid object name '" + text + "'", e);
        }
    }
}
